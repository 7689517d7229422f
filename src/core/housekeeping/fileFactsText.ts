// How Find Unused Images writes a file's size and date, the same in the editor's list and the
// command line: KB up to a megabyte, then MB (1024-based, as file managers on every platform
// show image sizes), and the local date and minute.

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(bytes / 1024, bytes > 0 ? 0.1 : 0).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `2026-12-03 17:20` in the machine's time zone. */
export function dateText(milliseconds: number): string {
  const date = new Date(milliseconds);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
