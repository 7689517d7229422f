// A failing child does not keep the others alive: every child is disposed, newest first, and the
// errors come afterwards.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Disposable, disposeAll } from '../../src/util/dispose';

test('disposeAll disposes every item newest first, even after one throws, then throws what failed', () => {
  const order: string[] = [];
  const items = ['a', 'b', 'c'].map((name) => ({ dispose: () => { order.push(name); if (name === 'b') throw new Error('b failed'); } }));
  assert.throws(() => disposeAll(items), /b failed/);
  assert.deepEqual(order, ['c', 'b', 'a']);
  const two = ['x', 'y'].map((name) => ({ dispose: () => { throw new Error(name); } }));
  assert.throws(() => disposeAll(two), (error: unknown) => error instanceof AggregateError && error.errors.length === 2);
});

test('a Disposable releases its children once, the rest despite a failing one', () => {
  const released: string[] = [];
  class Owner extends Disposable {
    constructor() {
      super();
      this.register({ dispose: () => released.push('first') });
      this.register({ dispose: () => { throw new Error('broken child'); } });
      this.register({ dispose: () => released.push('last') });
    }
  }
  const owner = new Owner();
  assert.throws(() => owner.dispose(), /broken child/);
  assert.deepEqual(released, ['last', 'first']);
  owner.dispose();
  assert.deepEqual(released, ['last', 'first'], 'a second dispose does nothing');
});
