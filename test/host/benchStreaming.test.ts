// Run only by `npm run bench` (scripts/bench-host.mjs), never by npm test. The path a streamed
// preview really takes: the simulator (another process) writes the last piece of a 1 MB partial
// image's event to its socket; VS Code's fetch in this extension host receives it, the OpenAI
// client decodes it (while it streams in), the generation service keeps it, and the studio panel
// posts it to its webview. Both ends are Date.now() (whole milliseconds, one clock for both processes).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { activatedApi, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const partialBytes = 1024 * 1024;
const runs = 8;
/** The first generation loads the engine and compiles the decoding path: run, not counted. */
const warmUpRuns = 1;
// Date.now(): the one clock two processes on one machine agree on (each process’s performance.timeOrigin is its own estimate).
const wallClock = () => Date.now();

interface StreamEvent {
  readonly prompt?: string;
  readonly type: string;
  readonly index?: number;
  readonly imageBytes: number;
  readonly lastWriteAt: number;
}

suite('bench: streamed previews', () => {
  test('end of a 1 MB partial-image event on the wire → the preview posted to the studio', async function () {
    this.timeout(300_000);
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', 'sim-key');
    await vscode.commands.executeCommand('imagegen.openPanel');
    const controller = await waitFor('the studio panel', () => api.panels.controller);
    await waitFor('the studio page to be ready', () => controller.isReady || undefined, 30_000);
    // A document beside the studio takes the links; the studio stays visible (a hidden page is unloaded).
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });

    const postedAt = new Map<string, number>();
    const listener = controller.onDidPost((message) => {
      if (message.type === 'preview') postedAt.set(`${message.taskId}#${message.index}`, wallClock());
    });
    const storedAt = new Map<string, number>();
    const storeListener = api.generation.previews.onDidChange(({ taskId, preview }) => preview && storedAt.set(`${taskId}#${preview.index}`, wallClock()));
    const prompts = new Map<string, string>();
    try {
      for (let run = -warmUpRuns; run < runs; run++) {
        const prompt = `bench stream ${run} [sim:partialBytes=${partialBytes}]`;
        const started = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'openai:gpt-image-2', prompt, aspectRatio: '1:1', resolution: '1K', quality: 'low' });
        assert.ok(started, 'the task started');
        const record = await waitFor('the streamed task to end', () => {
          const current = api.generation.get(started.id);
          return current && current.state !== 'queued' && current.state !== 'running' ? current : undefined;
        }, 60_000);
        assert.equal(record.state, 'succeeded', record.error?.message);
        if (run >= 0) prompts.set(prompt, record.id);
      }
    } finally {
      listener.dispose();
      storeListener.dispose();
    }

    // Baseline, same host and stream: a bare reader on the extension host's fetch that only notes
    // when each partial event's last byte arrives (the transport's share of the latency).
    const bareArrivals = new Map<string, number>();
    for (let run = -warmUpRuns; run < runs; run++) {
      const prompt = `bench bare ${run} [sim:partialBytes=${partialBytes}]`;
      const response = await fetch(`${simulator}/v1/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sim-key' },
        body: JSON.stringify({ model: 'gpt-image-2', prompt, size: '1024x1024', quality: 'low', stream: true, partial_images: 2 }),
      });
      assert.equal(response.status, 200);
      // A partial event ends with CRLF CRLF in the simulator's stream; the others with LF LF.
      let carry = Buffer.alloc(0);
      let ended = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const window = Buffer.concat([carry, chunk]);
        for (let at = window.indexOf('\r\n\r\n'); at >= 0; at = window.indexOf('\r\n\r\n', at + 4)) {
          bareArrivals.set(`${prompt}#${ended++}`, wallClock());
        }
        carry = window.subarray(Math.max(0, window.length - 3));
      }
    }

    const { streamEvents } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { streamEvents: StreamEvent[] };
    const latenciesMs: number[] = [];
    const bareMs: number[] = [];
    const storedMs: number[] = [];
    for (const event of streamEvents) {
      const bare = event.prompt !== undefined && event.index !== undefined ? bareArrivals.get(`${event.prompt}#${event.index}`) : undefined;
      if (bare !== undefined && !event.prompt!.startsWith('bench bare -')) bareMs.push(bare - event.lastWriteAt);
      const taskId = event.prompt !== undefined ? prompts.get(event.prompt) : undefined;
      if (!taskId || event.index === undefined) continue;
      const posted = postedAt.get(`${taskId}#${event.index + 1}`);
      assert.ok(posted !== undefined, `preview ${event.index + 1} of ${taskId} was posted to the studio`);
      assert.ok(event.imageBytes >= partialBytes, 'a partial of at least 1 MB');
      latenciesMs.push(posted - event.lastWriteAt);
      storedMs.push(storedAt.get(`${taskId}#${event.index + 1}`)! - event.lastWriteAt);
    }
    assert.equal(latenciesMs.length, runs * 2, 'two partial images per generation (imagegen.openai.partialImages = 2)');
    assert.equal(bareMs.length, runs * 2, 'the bare reader saw every partial event end');
    writeFileSync(process.env.IMAGEGEN_BENCH_STREAM_RESULTS!, JSON.stringify({ latenciesMs, bareMs, storedMs, partialBytes }));
  });
});
