// Reference images are kept as workspace-relative paths (in the history, in a retry) and read only
// when a request is sent (referenceReader.ts): the history never holds image bytes.

/** What the history keeps of a reference: never inline bytes. */
export function referenceForHistory(reference: string): string {
  return reference.startsWith('data:') ? `data:(${Math.round((reference.length * 3) / 4 / 1024)} KB inline image, not kept)` : reference;
}
