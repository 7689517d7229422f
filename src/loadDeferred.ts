import { join } from 'node:path';
import type * as Deferred from './deferred';

/** What dist/deferred.js provides: the code capabilities run once they are used. */
export type DeferredCode = typeof Deferred;

let code: DeferredCode | undefined;

/**
 * Requires dist/deferred.js once, on first use; the computed path keeps esbuild from inlining it.
 * The composition root is the one caller (test/unit/architecture.test.ts checks it): capabilities
 * get `services.deferred` and never know a file is loaded.
 */
export function loadDeferred(): DeferredCode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  code ??= require(join(__dirname, 'deferred.js')) as DeferredCode;
  return code;
}
