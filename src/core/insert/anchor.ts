// Keeps an insertion point where the user put it while the document is edited around it.

export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/**
 * Moves `anchor` through `changes` (one onDidChangeTextDocument event, whose changes do not
 * overlap). Text inserted exactly at the anchor goes before it, so the image lands after what
 * the user typed there; an anchor inside replaced text moves to the end of the replacement.
 */
export function shiftAnchor(anchor: number, changes: readonly TextChange[]): number {
  let shift = 0;
  for (const change of changes) {
    const end = change.rangeOffset + change.rangeLength;
    if (end <= anchor) {
      shift += change.text.length - change.rangeLength;
    } else if (change.rangeOffset < anchor) {
      shift += change.rangeOffset + change.text.length - anchor;
    }
  }
  return anchor + shift;
}
