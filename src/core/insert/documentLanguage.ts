// The language a link is written for. VS Code has no built-in MDX language: without an MDX
// extension an `.mdx` file is `plaintext` (or `markdown`, by a user's files.associations), and
// links and sets would then be written as for plain text. The file's extension says what it is.

/** `mdx` for an `.mdx` file VS Code calls plain text or Markdown; the editor's language otherwise. */
export function documentLanguage(languageId: string, path: string): string {
  if (/\.mdx$/i.test(path) && (languageId === 'plaintext' || languageId === 'markdown')) return 'mdx';
  return languageId;
}
