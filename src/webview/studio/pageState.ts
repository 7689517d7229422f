// What survives hiding the view and reloading the window (the webview's state): the unfinished
// draft, the gallery's filter and whether Show Spending asked for the spending section. Each part is saved on its own and merged, so saving one never
// drops the other; what comes back is checked (an older page may have saved another shape).
import * as z from 'zod/mini';
import { outputFieldsSchema } from '../../core/output/outputFields';
import { galleryFilterSchema } from './galleryFilter';
import type { VsCodeApi } from './vscodeApi';

const savedState = z.object({
  draft: z.optional(z.object({
    prompt: z.string(),
    modelKey: z.string(),
    aspectRatio: z.string(),
    resolution: z.string(),
    quality: z.string(),
    custom: z.boolean(),
    customSize: z.string(),
    referencePaths: z.array(z.string()),
  })),
  presetId: z.optional(z.string()),
  output: z.optional(outputFieldsSchema),
  filter: z.optional(galleryFilterSchema),
  /** The form's Candidates count. */
  count: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(8))),
  /** Show Spending asked for the spending section: it stays shown without a budget too. */
  spendingShown: z.optional(z.boolean()),
});
export type SavedState = z.infer<typeof savedState>;

export class PageState {
  private current: SavedState;

  constructor(private readonly api: VsCodeApi<unknown>) {
    const parsed = savedState.safeParse(api.getState());
    this.current = parsed.success ? parsed.data : {};
  }

  get saved(): SavedState {
    return this.current;
  }

  /** Replaces the parts given (a part set to undefined is removed) and keeps the rest. */
  save(parts: Partial<SavedState>): void {
    const next: Record<string, unknown> = { ...this.current, ...parts };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.current = next as SavedState;
    this.api.setState(this.current);
  }
}
