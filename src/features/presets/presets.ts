// The presets as a service: nothing until a workspace has a presets file (or one is created, or a
// wizard or studio asks, see register.ts); then the store is made from the deferred code, reads
// the files and reports their problems.
import { Disposable } from '../../util/dispose';
import type { PresetStore } from './presetStore';

export class Presets extends Disposable {
  private store: PresetStore | undefined;

  constructor(private readonly createStore: () => PresetStore) {
    super();
  }

  /** Whether the store has been made (and so reads the presets files). */
  get loaded(): boolean {
    return this.store !== undefined;
  }

  /** The store, made now if it was not yet. */
  get(): PresetStore {
    return (this.store ??= this.register(this.createStore()));
  }
}
