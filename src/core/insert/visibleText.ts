// Text that ImageGen writes into the user's document from a prompt or a provider's message (alt
// text, failure notes). Bidi overrides and isolates can make a line read differently from what it
// is ("Trojan Source"), direction marks and other controls are invisible: none of them goes in.

/** Tab, line breaks and the other C0 spacing controls: they read as a space. */
const spacingControls = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * C0 and C1 controls, DEL, the bidi embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the invisible direction marks (LRM, RLM, ALM): dropped.
 */
const hiddenControls = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without bidi and control characters, line breaks read as spaces. */
export function withoutHiddenControls(text: string): string {
  return text.replace(spacingControls, ' ').replace(hiddenControls, '');
}

/** One line of text for an HTML comment: no hidden controls, no `--` (which would end it early), spaces collapsed. */
export function commentSafeText(text: string): string {
  return withoutHiddenControls(text).replace(/--+/g, '—').replace(/\s+/g, ' ').trim();
}
