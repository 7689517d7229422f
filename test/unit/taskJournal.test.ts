// The MCP server's task journal (.imagegen/mcp-tasks.json) and what a remembered task becomes on
// the next start: lenient reading, atomic bounded writing without keys, and the resume rules.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultBaseUrls } from '../../src/core/catalog/providerEndpoints';
import type { ServerEnvironment } from '../../src/features/mcpPublishing/serverEnvironment';
import { endpointFingerprint, finishedKeptMs, maxFinishedEntries, parseJournal, pruneEntries, TaskJournal, type JournalEntry } from '../../src/mcp/taskJournal';
import { resumePlan } from '../../src/hosts/standalone/resumePlan';

const now = 1_800_000_000_000;
const environment: ServerEnvironment = { workspace: '/w', apiKeys: { aireiter: 'k-a', jimmyai: 'k-j', openai: 'k-o' }, baseUrls: defaultBaseUrls };

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  const modelKey = overrides.input?.modelKey ?? 'jimmyai:nano-banana';
  const provider = modelKey.split(':')[0] as keyof typeof defaultBaseUrls;
  return { id: 'task-1', input: { modelKey, prompt: 'A fox' }, folder: 'assets', baseName: 'a-fox', state: 'running', createdAt: now - 1_000, endpoint: endpointFingerprint(defaultBaseUrls[provider] ?? 'https://nowhere.example'), ...overrides };
}

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'imagegen-journal-'));
}

test('parseJournal keeps the entries that fit and names what is wrong with the others, by zod path', () => {
  const read = parseJournal(JSON.stringify({ version: 1, tasks: [entry(), { ...entry({ id: 'task-2' }), state: 'exploded' }, { id: 'task-3' }] }));
  assert.deepEqual(read.entries.map((kept) => kept.id), ['task-1']);
  assert.equal(read.problems.length, 2);
  assert.match(read.problems[0]!, /^task 2: state: /);
  assert.match(read.problems[1]!, /^task 3: .*input/);
  assert.equal(read.whole, undefined);
});

test('parseJournal refuses a file that is not JSON, not a journal, or of another version, as a whole', () => {
  for (const [text, problem] of [['{"version": 1, "tasks": [', /not JSON/], ['[]', /not a task journal/], ['{"version": 2, "tasks": []}', /version 2/]] as const) {
    const read = parseJournal(text);
    assert.deepEqual(read.entries, []);
    assert.equal(read.whole, true);
    assert.match(read.problems[0]!, problem);
  }
});

test('pruneEntries keeps every unfinished task, drops finished ones after a week, and keeps at most the newest finished', () => {
  const old = entry({ id: 'old', state: 'succeeded', finishedAt: now - finishedKeptMs - 1 });
  const oldUnfinished = entry({ id: 'old-running', state: 'running', createdAt: now - 10 * finishedKeptMs });
  const many = Array.from({ length: maxFinishedEntries + 5 }, (_, index) => entry({ id: `done-${index}`, state: 'failed', finishedAt: now - index * 1_000 }));
  const kept = pruneEntries([old, oldUnfinished, ...many], now).map((candidate) => candidate.id);
  assert.ok(!kept.includes('old'));
  assert.ok(kept.includes('old-running'), 'an unfinished task may be charged: never dropped');
  assert.equal(kept.length, maxFinishedEntries + 1);
  assert.ok(kept.includes('done-0') && !kept.includes(`done-${maxFinishedEntries + 4}`), 'the oldest finished go first');
});

test('the journal is written whole through a temp file, under a .gitignore of *, with the schema\'s fields only (never a key), and read back', async () => {
  const workspace = tempFolder();
  try {
    const lines: string[] = [];
    const { journal, entries } = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.ok(journal);
    assert.deepEqual(entries, []);
    const withExtra = { ...entry(), apiKey: 'sk-secret-should-not-be-written', ended: Promise.resolve() } as JournalEntry;
    await journal.save([withExtra, entry({ id: 'task-2', state: 'submitting' })], now);
    const folder = join(workspace, '.imagegen');
    assert.deepEqual(readdirSync(folder).sort(), ['.gitignore', 'mcp-tasks.json', 'mcp-tasks.lock'], 'no temp file left');
    await journal.close();
    assert.deepEqual(readdirSync(folder).sort(), ['.gitignore', 'mcp-tasks.json'], 'the lock is released');
    assert.equal(readFileSync(join(folder, '.gitignore'), 'utf8'), '*\n');
    const text = readFileSync(join(folder, 'mcp-tasks.json'), 'utf8');
    assert.ok(!text.includes('sk-secret'), 'only the schema\'s fields are written');
    const reopened = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.deepEqual(reopened.entries.map((kept) => [kept.id, kept.state]), [['task-1', 'running'], ['task-2', 'submitting']]);
    assert.deepEqual(lines, []);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('a journal that cannot be read is set aside as it was and said once; the server starts without it', async () => {
  const workspace = tempFolder();
  try {
    mkdirSync(join(workspace, '.imagegen'));
    writeFileSync(join(workspace, '.imagegen', 'mcp-tasks.json'), 'not json at all');
    const lines: string[] = [];
    const { entries } = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.deepEqual(entries, []);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /could not be read \(it is not JSON\); the file was set aside as .*mcp-tasks\.json\.unreadable-/);
    const aside = readdirSync(join(workspace, '.imagegen')).find((name) => name.startsWith('mcp-tasks.json.unreadable-'))!;
    assert.equal(readFileSync(join(workspace, '.imagegen', aside), 'utf8'), 'not json at all');
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('a journal that cannot be kept or written is said on the log, never thrown', async () => {
  const workspace = tempFolder();
  try {
    writeFileSync(join(workspace, '.imagegen'), 'a file where the folder should be');
    const lines: string[] = [];
    const blocked = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.equal(blocked.journal, undefined);
    assert.match(lines.join('\n'), /cannot be used .*kept only while the server runs/);
    rmSync(join(workspace, '.imagegen'));
    const { journal } = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    rmSync(join(workspace, '.imagegen'), { recursive: true });
    writeFileSync(join(workspace, '.imagegen'), 'in the way again');
    await journal!.save([entry()], now);
    assert.match(lines.join('\n'), /could not be written .*not resumed after a restart/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('a lock naming this very pid (a container\'s server is pid 1 every run) is an earlier run\'s, taken over; one just created and still empty is held', async () => {
  const { claimJournal } = await import('../../src/mcp/journalLock');
  const folder = mkdtempSync(join(tmpdir(), 'imagegen-lock-'));
  try {
    writeFileSync(join(folder, 'mcp-tasks.lock'), String(process.pid));
    const claim = await claimJournal(folder);
    assert.equal(claim.ok, true, 'our own pid left by an earlier run');
    if (claim.ok) await claim.release();
    writeFileSync(join(folder, 'mcp-tasks.lock'), '');
    assert.equal((await claimJournal(folder)).ok, false, 'an empty lock a moment old: another server is writing its pid');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('one server keeps the journal: a second one while the first runs gets none; a lock left by a killed server is taken over', async () => {
  const workspace = tempFolder();
  try {
    const lines: string[] = [];
    const first = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.ok(first.journal);
    const second = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.equal(second.journal, undefined);
    assert.match(lines.join('\n'), new RegExp(`Another ImageGen MCP server \\(pid ${process.pid}\\) keeps this workspace's task journal`));
    await first.journal.close();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // A pid that no longer runs.
    writeFileSync(join(workspace, '.imagegen', 'mcp-tasks.lock'), String(gone));
    const third = await TaskJournal.open(workspace, (line) => lines.push(line), now);
    assert.ok(third.journal, 'the stale lock is taken over');
    assert.equal(readFileSync(join(workspace, '.imagegen', 'mcp-tasks.lock'), 'utf8'), String(process.pid));
    await third.journal.close();
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('resumePlan: accepted tasks are followed (AIReiter also without a task id), gpt_image_2 is looked up, anything else unanswered is unconfirmed and possibly charged', () => {
  assert.equal(resumePlan(entry({ providerTaskId: 'j-1', acceptedAt: now }), environment).kind, 'follow');
  assert.equal(resumePlan(entry({ input: { modelKey: 'aireiter:gpt_image_2_official', prompt: 'x' }, acceptedAt: now }), environment).kind, 'follow');
  assert.equal(resumePlan(entry({ input: { modelKey: 'aireiter:gpt_image_2', prompt: 'x' }, state: 'submitting' }), environment).kind, 'lookUp');
  for (const modelKey of ['aireiter:gpt_image_2_official', 'jimmyai:nano-banana', 'openai:gpt-image-2']) {
    const plan = resumePlan(entry({ input: { modelKey, prompt: 'x' }, state: 'submitting' }), environment);
    assert.equal(plan.kind, 'conclude', modelKey);
    assert.ok(plan.kind === 'conclude' && plan.state === 'unconfirmed' && plan.mayHaveBeenCharged && /not sent again/.test(plan.error), modelKey);
  }
  const official = resumePlan(entry({ id: 'our-7', input: { modelKey: 'aireiter:gpt_image_2_official', prompt: 'x' }, state: 'submitting' }), environment);
  assert.ok(official.kind === 'conclude' && official.error.includes('out_task_id our-7'), 'the id AIReiter knows it by is shown');
  const accepted = resumePlan(entry({ input: { modelKey: 'openai:gpt-image-2', prompt: 'x' }, acceptedAt: now }), environment);
  assert.ok(accepted.kind === 'conclude' && accepted.state === 'failed' && accepted.mayHaveBeenCharged);
});

test('resumePlan: without the key a task waits (kept, said); at another base URL it waits too, for the process that has the endpoint it went to (the CLI and the MCP server share the journal)', () => {
  const waiting = resumePlan(entry({ providerTaskId: 'j-1' }), { ...environment, apiKeys: {} });
  assert.ok(waiting.kind === 'wait' && /IMAGEGEN_JIMMYAI_API_KEY/.test(waiting.note));
  const moved = resumePlan(entry({ providerTaskId: 'j-1' }), { ...environment, baseUrls: { ...defaultBaseUrls, jimmyai: 'https://elsewhere.example' } });
  assert.ok(moved.kind === 'wait' && /IMAGEGEN_JIMMYAI_BASE_URL/.test(moved.note) && moved.note.includes('j-1'), JSON.stringify(moved));
  // Not for ever: after the week the journal keeps finished tasks, it is concluded (an agent polling its state stops).
  const elsewhere = { ...environment, baseUrls: { ...defaultBaseUrls, jimmyai: 'https://elsewhere.example' } };
  const old = resumePlan(entry({ providerTaskId: 'j-1', createdAt: now - 8 * 24 * 60 * 60 * 1000 }), elsewhere, now);
  assert.ok(old.kind === 'conclude' && old.mayHaveBeenCharged && /for a week/.test(old.error) && old.error.includes('j-1'), JSON.stringify(old));
  assert.equal(resumePlan(entry({ providerTaskId: 'j-1', createdAt: now - 6 * 24 * 60 * 60 * 1000 }), elsewhere, now).kind, 'wait');
  const unknown = resumePlan(entry({ input: { modelKey: 'nobody:nothing', prompt: 'x' } }), environment);
  assert.ok(unknown.kind === 'conclude' && /does not know the model/.test(unknown.error));
});

test('an endpoint written another way (host case, trailing slash, the SDK\'s /v1) is the same endpoint for a resumed task', () => {
  const same = ['https://gw.example', 'https://GW.example/', 'https://gw.example/v1', 'https://gw.example/v1/'].map(endpointFingerprint);
  assert.equal(new Set(same).size, 1);
  assert.notEqual(endpointFingerprint('https://gw.example'), endpointFingerprint('https://other.example'));
});
