// Which of the images ImageGen made nothing links to. An image is one file, or an asset set's files
// (a responsive set, a favicon set) that its markup links together: a set is in use while any of its
// files is linked, and is offered for the trash as a whole otherwise.
import type { PathRules } from '../assets/assetsFolder';
import { pathKey } from './resolveReference';

/** One image ImageGen made: its files (file system paths; a set's files together) and the tasks that made it. */
export interface MadeImage {
  readonly files: readonly string[];
  readonly taskIds: readonly string[];
}

/**
 * The images ImageGen made, one entry each: the history's (a task's image, or its set's files) and
 * the files whose provenance says ImageGen made them, a file of a set joining its set.
 */
export function madeImages(history: readonly MadeImage[], byProvenance: readonly string[], rules: PathRules): MadeImage[] {
  type Entry = { files: string[]; taskIds: string[] };
  const images: Entry[] = [];
  const byKey = new Map<string, Entry>();
  const addFile = (image: Entry, file: string) => {
    byKey.set(pathKey(file, rules), image);
    image.files.push(file);
  };
  for (const made of history) {
    const known = made.files.map((file) => byKey.get(pathKey(file, rules))).find((image) => image !== undefined);
    const image: Entry = known ?? { files: [], taskIds: [] };
    if (!known) images.push(image);
    for (const file of made.files) if (!byKey.has(pathKey(file, rules))) addFile(image, file);
    for (const id of made.taskIds) if (!image.taskIds.includes(id)) image.taskIds.push(id);
  }
  for (const file of byProvenance) {
    if (byKey.has(pathKey(file, rules))) continue;
    const image: Entry = { files: [], taskIds: [] };
    images.push(image);
    addFile(image, file);
  }
  return images.filter((image) => image.files.length > 0);
}

/** The made images none of whose files is among `linked` (file system paths, compared by the platform's rules). */
export function unusedImages<T extends Pick<MadeImage, 'files'>>(made: readonly T[], linked: Iterable<string>, rules: PathRules): T[] {
  const keys = new Set<string>();
  for (const file of linked) keys.add(pathKey(file, rules));
  return made.filter((image) => !image.files.some((file) => keys.has(pathKey(file, rules))));
}
