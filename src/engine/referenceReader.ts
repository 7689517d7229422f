// Reading a reference image when a request is sent, for every host: a workspace file, confined to
// its root through its real path and checked to be an image within the provider's limit, becomes a
// data URI; a URL stays as it is. Where the file is and how it is read is the host's (ReferenceFiles).
import * as l10n from '@vscode/l10n';
import { isInside } from '../core/assets/assetsFolder';
import type { ProviderId } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import { isWorkspaceReference } from '../core/catalog/validateGeneration';
import { pathRules } from '../saving/pathRules';
import { fileSystem } from '../saving/realFileSystem';
import { megabytes, referenceDataUri, referenceFits, referenceMegabytes } from '../saving/referenceImage';
import type { ReferenceFiles } from './ports';

/** A reference that cannot be sent, in words the user (or an agent) can act on. */
export class ReferenceImageError extends Error {
  override readonly name = 'ReferenceImageError';
}

/** Where a workspace reference really is: inside its root, outside it (through a link), or nowhere. */
async function whereIs(place: { readonly path: string; readonly root: string } | undefined): Promise<'inside' | 'outside' | 'missing'> {
  if (!place) return 'inside';
  let real: string;
  try {
    real = await fileSystem.realpath(place.path);
  } catch {
    return 'missing';
  }
  try {
    return isInside(await fileSystem.realpath(place.root), real, pathRules) ? 'inside' : 'outside';
  } catch {
    return 'outside';
  }
}

/** What `provider` gets for a reference: workspace files (within its size limit) as data URIs, URLs unchanged. */
export async function readReference(files: ReferenceFiles, reference: string, provider: ProviderId): Promise<string> {
  if (!isWorkspaceReference(reference)) {
    return reference;
  }
  const { file, confine } = files.locate(reference);
  const where = await whereIs(confine);
  if (where === 'missing') {
    throw new ReferenceImageError(l10n.t('The reference image {0} does not exist in the workspace.', reference));
  }
  if (where === 'outside') {
    throw new ReferenceImageError(l10n.t('The reference image {0} leads outside the workspace (a link); ImageGen only sends files inside it.', reference));
  }
  let bytes: Uint8Array;
  let size = 0;
  try {
    size = await files.size(file);
    if (!referenceFits(provider, size)) {
      throw new RangeError();
    }
    bytes = await files.read(file);
  } catch (error) {
    throw new ReferenceImageError(error instanceof RangeError ? l10n.t('The reference image {0} ({1} MB) is too large: {2} takes reference images up to {3} MB.', reference, megabytes(size), providerNames[provider], referenceMegabytes[provider]) : l10n.t('The reference image {0} cannot be read.', reference));
  }
  const dataUri = referenceDataUri(bytes);
  if (!dataUri) {
    throw new ReferenceImageError(l10n.t('The reference {0} is not an image; ImageGen only sends PNG, JPEG or WebP files.', reference));
  }
  return dataUri;
}
