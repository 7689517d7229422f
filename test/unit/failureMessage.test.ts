// The words a failed task is shown with: local problems ImageGen names keep their own sentence;
// anything else is a bug, logged with its stack. The reference reader's error has a name of its
// own, so JavaScript's built-in ReferenceError (a bug: "x is not defined") is never taken for it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { describeFailure } from '../../src/engine/failureMessage';
import { readReference } from '../../src/engine/referenceReader';
import { workspaceReferenceFiles } from '../../src/hosts/standalone/standalonePorts';

test('a reference that cannot be sent is a local problem, in its own words', async () => {
  const workspace = mkdtempSync(`${tmpdir()}/imagegen-failure-`);
  try {
    const error = await readReference(workspaceReferenceFiles(workspace), 'missing.png', 'openai').then(
      () => assert.fail('refused'),
      (problem: unknown) => problem as Error,
    );
    assert.equal(error.name, 'ReferenceImageError');
    const described = describeFailure(error);
    assert.equal(described.unexpected, false);
    assert.match(described.message, /^The reference image missing\.png does not exist in the workspace\.$/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test("JavaScript's own ReferenceError is a bug, not a reference image's problem", () => {
  const described = describeFailure(new ReferenceError('imageCount is not defined'));
  assert.equal(described.unexpected, true);
  assert.match(described.message, /^Unexpected error: imageCount is not defined$/);
});
