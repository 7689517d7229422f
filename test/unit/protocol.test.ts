import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hostToWebviewSchema, webviewToHostSchema, studioStringKeys } from '../../src/protocol/studioMessages';

test('webview messages: only the protocol actions are accepted', () => {
  assert.equal(webviewToHostSchema.safeParse({ type: 'ready' }).success, true);
  assert.equal(webviewToHostSchema.safeParse({ type: 'runCommand', requestId: 1, command: 'imagegen.showTasks' }).success, true);
  for (const hostile of [
    { type: 'runCommand', requestId: 1, command: 'workbench.action.terminal.new' },
    { type: 'runCommand', requestId: -1, command: 'imagegen.showTasks' },
    { type: 'eval', code: 'x' },
    null,
    'ready',
  ]) {
    assert.equal(webviewToHostSchema.safeParse(hostile).success, false, JSON.stringify(hostile));
  }
});

const allStrings = Object.fromEntries(studioStringKeys.map((key) => [key, key]));

test('host messages: state carries validated tasks and gallery items', () => {
  const state = (progress: number) => ({
    type: 'state',
    tasks: [{ id: 'a', prompt: 'p', model: 'm', state: 'running', progress, startedAt: 1 }],
    gallery: [{ id: 'b', prompt: 'p', model: 'm', imageSrc: 'https://file+.vscode-resource.test/a.png', path: 'assets/a.png', createdAt: 1 }],
    defaultModel: 'aireiter:gpt_image_2',
    trusted: true,
    presets: [{ id: 'file:///w#Hero', label: 'Hero', summary: 'GPT Image 2 · 16:9', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', style: 'flat', referencePaths: ['brand/palette.png'] }],
    strings: allStrings,
  });
  assert.equal(hostToWebviewSchema.safeParse(state(40)).success, true);
  const { generate: _missing, ...withoutOne } = allStrings;
  assert.equal(hostToWebviewSchema.safeParse({ ...state(40), strings: withoutOne }).success, false, 'every string the page shows is sent');
  assert.equal(hostToWebviewSchema.safeParse(state(140)).success, false);
  assert.equal(hostToWebviewSchema.safeParse({ ...state(40), trusted: undefined }).success, false);
  assert.equal(hostToWebviewSchema.safeParse({ ...state(40), presets: undefined }).success, false, 'the presets are always said, even when there are none');
  assert.equal(hostToWebviewSchema.safeParse({ ...state(40), presets: [{ id: 'x', label: 'x', summary: 'x', model: 'm', referencePaths: Array.from({ length: 17 }, () => 'a.png') }] }).success, false);
});

test('generate requests: at most 16 reference paths, bounded text', () => {
  const request = (referencePaths: string[]) => ({ type: 'generate', requestId: 1, request: { modelKey: 'jimmyai:nano-banana', prompt: 'p', referencePaths } });
  assert.equal(webviewToHostSchema.safeParse(request(['a.png'])).success, true);
  assert.equal(webviewToHostSchema.safeParse({ ...request([]), request: { ...request([]).request, presetId: 'file:///w#Hero' } }).success, true);
  assert.equal(webviewToHostSchema.safeParse({ ...request([]), request: { ...request([]).request, presetId: 42 } }).success, false);
  assert.equal(webviewToHostSchema.safeParse(request(Array.from({ length: 17 }, (_, i) => `${i}.png`))).success, false);
  assert.equal(webviewToHostSchema.safeParse({ type: 'galleryAction', requestId: 2, action: 'format-disk', taskId: 'x' }).success, false);
});

test('host messages: a streamed preview travels as bytes (typed arrays), never as a URL or text; the task says which preview and whether it is overdue', () => {
  const preview = (parts: unknown, extra: Record<string, unknown> = {}) => ({ type: 'preview', taskId: 't', index: 1, total: 2, mimeType: 'image/png', parts, ...extra });
  assert.equal(hostToWebviewSchema.safeParse(preview([new Uint8Array(8), new Uint8Array(3)])).success, true);
  for (const hostile of [
    preview(['data:image/png;base64,AAAA']),
    preview([{ 0: 137, 1: 80 }]),
    preview([]),
    preview([new Uint8Array(8)], { mimeType: 'text/html' }),
    preview([new Uint8Array(8)], { index: 0 }),
    preview([new Uint8Array(8)], { index: 1.5 }),
    preview([new Uint8Array(8)], { index: 3 }),
    preview([Buffer.from('x')]),
    preview([new Uint8Array(new ArrayBuffer(16), 0, 8)]),
  ]) {
    assert.equal(hostToWebviewSchema.safeParse(hostile).success, false, JSON.stringify(hostile));
  }
  assert.equal(hostToWebviewSchema.safeParse({ type: 'previewCleared', taskId: 't' }).success, true);
  const task = { id: 'a', prompt: 'p', model: 'm', state: 'running', startedAt: 1, preview: { index: 2, total: 2 }, overdue: true };
  const state = { type: 'state', tasks: [task], gallery: [], defaultModel: 'm', trusted: true, presets: [], strings: allStrings };
  const parsed = hostToWebviewSchema.parse(state);
  assert.deepEqual(parsed.type === 'state' && parsed.tasks[0], task, 'preview and overdue reach the webview');
  assert.equal(hostToWebviewSchema.safeParse({ ...state, tasks: [{ ...task, preview: { index: 0, total: 2 } }] }).success, false);
});
