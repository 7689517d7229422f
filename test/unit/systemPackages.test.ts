// The README's commands set up a fresh machine by themselves: every missing system package is
// found before anything runs, installed as root in one apt-get run, or named with the exact
// command to run.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs script, without type declarations
import { ensureSystemPackagesFor } from '../../scripts/lib/systemPackages.mjs';

function pretendMachine(present: string[], root: boolean) {
  const apt: string[][] = [];
  return { apt, system: { installed: (pkg: string) => present.includes(pkg), isDebian: () => true, isRoot: () => root, apt: (args: string[]) => void apt.push(args) } };
}

test('not root: the run stops at once with every missing package, why, and the exact command', () => {
  const { apt, system } = pretendMachine(['python3'], false);
  assert.throws(
    () => ensureSystemPackagesFor(['unit', 'win32', 'host', 'ui'], system),
    (error: Error) => {
      assert.match(error.message, /libkrb5-dev: headers for code-server's native kerberos module/);
      assert.match(error.message, /wine64: runs Node for Windows/);
      assert.match(error.message, /Install them with:\n {2}sudo apt-get update && sudo apt-get install -y libkrb5-dev build-essential chromium wine64$/);
      assert.doesNotMatch(error.message, /python3/, 'only what is missing');
      return true;
    },
  );
  assert.deepEqual(apt, [], 'nothing installed without root');
});

test('as root: one update, then one install of what is missing for the layers asked for', () => {
  const { apt, system } = pretendMachine(['libkrb5-dev', 'build-essential', 'python3'], true);
  ensureSystemPackagesFor(['unit', 'ui'], system);
  assert.deepEqual(apt, [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium']]);
});

test('nothing missing: nothing asked, nothing run', () => {
  const { apt, system } = pretendMachine(['libkrb5-dev', 'build-essential', 'python3', 'chromium', 'wine64'], false);
  ensureSystemPackagesFor(['unit', 'win32', 'host', 'ui', 'demo'], system);
  assert.deepEqual(apt, []);
});
