// The steps finishImage takes that are decided in src/core/output (pure): removing a flat
// background (keyOut.ts) and an asset set's files (writeAssetSet.ts). One home, shared by every
// Destination and by Convert / Resize Image….
import { keyOutBackground } from '../core/output/keyOut';
import type { FinishSteps } from './finishImage';
import { writeAssetSet } from './writeAssetSet';

export const finishSteps: FinishSteps = {
  keyOut: (image) => {
    const result = keyOutBackground(image);
    return result.ok ? { ok: true, image: { data: result.image.data, width: result.image.width, height: result.image.height } } : { ok: false, reason: result.message };
  },
  writeSet: writeAssetSet,
};
