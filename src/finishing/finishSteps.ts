// The steps finishImage takes that are decided in src/core/output (pure): removing a flat
// background and an asset set's files. One home, shared by every Destination and Convert.
import type { FinishSteps } from './finishImage';

export const finishSteps: FinishSteps = {
  keyOut: () => ({ ok: false, reason: 'removing a flat background is not built yet' }),
};
