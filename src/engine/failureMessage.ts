// The words a failed task is shown with, whatever ended it.
import * as l10n from '@vscode/l10n';
import { maxErrorTextLength, truncateText } from '../core/text';
import { isProviderError, type ProviderError } from '../providers/errors';

export interface DescribedFailure {
  readonly message: string;
  readonly providerFailure: ProviderError | undefined;
  /** Neither a provider's answer nor a local problem we name: a bug, logged with its stack. */
  readonly unexpected: boolean;
  /** The request may have been billed (a provider's failure says so; a local one after a 2xx answer is marked). */
  readonly mayHaveCharged: boolean;
}

export function describeFailure(error: unknown): DescribedFailure {
  const providerFailure = isProviderError(error) ? (error as ProviderError) : undefined;
  // Local problems (a folder, the disk) carry their own words.
  // By name: they may come from the engine bundle, with its own copies of the classes.
  const local = ['SaveError', 'ImageWriteError', 'TaskStopped', 'ReferenceImageError', 'WorkspacePathError'].includes((error as Error | undefined)?.name ?? '');
  const fullMessage = providerFailure?.message ?? (local ? (error as Error).message : l10n.t('Unexpected error: {0}', error instanceof Error ? error.message : String(error)));
  const mayHaveCharged = providerFailure ? providerFailure.details.mayHaveCharged === true : local && (error as { mayHaveCharged?: unknown }).mayHaveCharged === true;
  return { message: truncateText(fullMessage, maxErrorTextLength), providerFailure, unexpected: !providerFailure && !local, mayHaveCharged };
}
