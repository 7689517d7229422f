// findFiles takes one exclude glob, and giving one replaces files.exclude instead of adding to it.
// So the scan's own exclusions (node_modules) are joined with the user's files.exclude patterns in
// one `{a,b,…}` group; a pattern that is itself a group (or a `when` rule, which a glob cannot say)
// makes that impossible, and then files.exclude alone applies (the host drops the rest afterwards).

/** The one exclude glob for files.exclude plus `always`; undefined when findFiles' default (files.exclude) must be kept. */
export function excludeGlob(filesExclude: Readonly<Record<string, unknown>> | undefined, always: readonly string[]): string | undefined {
  const patterns = [...always];
  for (const [pattern, on] of Object.entries(filesExclude ?? {})) {
    if (on === false) continue;
    if (on !== true || /[{},]/.test(pattern)) return undefined;
    patterns.push(pattern);
  }
  return `{${patterns.join(',')}}`;
}
