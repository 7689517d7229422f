import { pathRulesFor } from '../core/assets/assetsFolder';

/** This machine's path rules (separators, case): what paths are compared with here. */
export const pathRules = pathRulesFor(process.platform);
