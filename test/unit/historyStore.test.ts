import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { HistoryStore } from '../../src/generation/historyStore';

function memento(initial: unknown) {
  let value = initial;
  return {
    get: <T>(_key: string, fallback?: T) => (value ?? fallback) as T,
    update: async (_key: string, next: unknown) => void (value = next),
    keys: () => ['imagegen.history'],
    value: () => value,
  };
}

const good = (id: string) => ({ id, input: { modelKey: 'jimmyai:nano-banana', prompt: `prompt ${id}` }, state: 'succeeded', createdAt: Number(id) });

test('one unreadable record is dropped alone and reported; the next save keeps the rest', async () => {
  const store = memento([good('1'), { id: 2, input: 'broken' }, good('3')]);
  const problems: string[] = [];
  const history = new HistoryStore(store as never);
  const records = history.load((problem) => problems.push(problem));
  assert.deepEqual(records.map((record) => record.id), ['1', '3']);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /Dropped history record 1/);
  await history.save(records);
  assert.equal((store.value() as unknown[]).length, 2);
});

test('a history that is not a list is reported, not thrown', () => {
  const problems: string[] = [];
  assert.deepEqual(new HistoryStore(memento({ nonsense: true }) as never).load((problem) => problems.push(problem)), []);
  assert.equal(problems.length, 1);
});
