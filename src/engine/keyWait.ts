// Waiting for a provider's key where the user is: the question offers "Set Key…", but a key
// stored any other way (Set API Key from the palette, another window) counts just as well, so a
// generation waiting for its key goes on the moment one exists.
import type { ProviderId } from '../core/catalog/models';
import { providerIdOf } from '../core/catalog/providerNames';
import type { KeySource, Reporter } from './ports';

/** True once a key for `provider` is stored; false when the question is dismissed without one. */
export async function keyProvided(keys: KeySource, notifier: Reporter, provider: ProviderId, reason: 'missing' | 'refused'): Promise<boolean> {
  let stop: (() => void) | undefined;
  const stored = new Promise<boolean>((resolve) => {
    const listener = keys.onDidStore(provider, () => resolve(true));
    stop = () => listener.dispose();
  });
  try {
    return await Promise.race([notifier.askForApiKey(provider, reason), stored]);
  } finally {
    stop?.();
  }
}

/** For a task's provider: asks again, saying whether its key is missing or was refused. */
export async function keyProvidedFor(keys: KeySource, notifier: Reporter, modelKey: string): Promise<boolean> {
  const provider = providerIdOf(modelKey);
  return provider !== undefined && keyProvided(keys, notifier, provider, (await keys.get(provider)) ? 'refused' : 'missing');
}
