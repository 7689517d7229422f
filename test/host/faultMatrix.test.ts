// The fault matrix: every fault the simulator can inject, through the real extension. For each,
// the stated outcome happens, no partial file is left in the workspace, the prompt and settings
// stay in the history, and the placeholder is resolved (the link, or a visible failure note).
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import type { HostToWebview } from '../../src/protocol/studioMessages';
import { activatedApi, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;

interface Row {
  readonly fault: string;
  readonly operation?: string;
  readonly inject?: Record<string, unknown>;
  readonly times?: number;
  readonly modelKey: string;
  readonly prompt: string;
  readonly extra?: Record<string, string>;
  /** `imagegen.*` settings for this row alone. */
  readonly settings?: Record<string, unknown>;
  /** What the user must also have seen: the task flagged overdue, or its streamed preview in the open studio. */
  readonly observe?: 'overdue' | 'studioPreview';
  /** `succeeded`, or the error kind the user is shown. */
  readonly outcome: string;
}

const jimmy = 'jimmyai:nano-banana';
const aireiter = 'aireiter:gpt_image_2';
export const faultMatrix: Row[] = [
  { fault: '5xx on a status query', operation: 'jimmyai.query', inject: { kind: 'status', status: 502 }, times: 2, modelKey: jimmy, prompt: 'matrix 5xx', outcome: 'succeeded' },
  { fault: '5xx on an AIReiter submit (looked up, then sent again)', operation: 'aireiter.submit', inject: { kind: 'status', status: 500 }, modelKey: aireiter, prompt: 'matrix submit 5xx', outcome: 'succeeded' },
  { fault: 'AIReiter submit answer lost (found by out_task_id)', operation: 'aireiter.submit', inject: { kind: 'dropAnswer' }, modelKey: aireiter, prompt: 'matrix submit lost', outcome: 'succeeded' },
  { fault: 'gpt_image_2_official submit answer lost (not found by out_task_id: never sent again)', operation: 'aireiter.submit', inject: { kind: 'dropAnswer' }, modelKey: 'aireiter:gpt_image_2_official', prompt: 'matrix official lost', extra: { aspectRatio: '16:9', resolution: '1K', quality: 'low' }, outcome: 'network' },
  { fault: 'balance too low: HTTP 200 with an error object 433 and no data', modelKey: aireiter, prompt: 'matrix balance [sim:errorObject=433]', outcome: 'insufficientCredits' },
  { fault: 'numeric statuses with the image at result.response.download_url', modelKey: aireiter, prompt: 'matrix numeric [sim:variant=numeric]', outcome: 'succeeded' },
  { fault: 'JimmyAI create answer lost (never re-sent)', operation: 'jimmyai.create', inject: { kind: 'dropAnswer' }, modelKey: jimmy, prompt: 'matrix create lost', outcome: 'network' },
  { fault: '429 with Retry-After', operation: 'jimmyai.query', inject: { kind: 'rateLimit', retryAfterSeconds: 1 }, modelKey: jimmy, prompt: 'matrix 429', outcome: 'succeeded' },
  { fault: 'connection reset on a query', operation: 'aireiter.query', inject: { kind: 'reset' }, modelKey: aireiter, prompt: 'matrix reset', outcome: 'succeeded' },
  { fault: 'connection reset on a non-idempotent submit', operation: 'jimmyai.create', inject: { kind: 'reset' }, modelKey: jimmy, prompt: 'matrix reset create', outcome: 'network' },
  { fault: 'slow headers', operation: 'jimmyai.query', inject: { kind: 'slowHeaders', delayMs: 1500 }, modelKey: jimmy, prompt: 'matrix slow headers', outcome: 'succeeded' },
  { fault: 'slow body', operation: 'image', inject: { kind: 'slowBody', delayMs: 150 }, modelKey: jimmy, prompt: 'matrix slow body', outcome: 'succeeded' },
  { fault: 'truncated image body', operation: 'image', inject: { kind: 'truncatedBody' }, modelKey: jimmy, prompt: 'matrix truncated', outcome: 'network' },
  { fault: 'malformed JSON on a query (asked again)', operation: 'jimmyai.query', inject: { kind: 'malformedJson' }, modelKey: jimmy, prompt: 'matrix malformed', outcome: 'succeeded' },
  { fault: 'lenient answers (strings for numbers, null links, odd fields)', modelKey: aireiter, prompt: 'matrix lenient [sim:variant=lenient]', outcome: 'succeeded' },
  { fault: 'JimmyAI success + mediaUrl', modelKey: jimmy, prompt: 'matrix success [sim:variant=success+mediaUrl]', outcome: 'succeeded' },
  { fault: 'moderation in Chinese', modelKey: jimmy, prompt: 'matrix zh moderation [sim:moderation][sim:variant=zh]', outcome: 'moderation' },
  { fault: 'out of credits in Korean', operation: 'aireiter.submit', inject: { kind: 'noCredits', language: 'ko' }, modelKey: aireiter, prompt: 'matrix ko credits', outcome: 'insufficientCredits' },
  { fault: 'in-body 433 (credits)', operation: 'aireiter.submit', inject: { kind: 'bodyCode', code: 433 }, modelKey: aireiter, prompt: 'matrix 433', outcome: 'insufficientCredits' },
  { fault: 'in-body 20001 (auth)', operation: 'jimmyai.create', inject: { kind: 'bodyCode', code: '20001' }, modelKey: jimmy, prompt: 'matrix 20001', outcome: 'auth' },
  { fault: 'in-body 20002 (parameters)', operation: 'jimmyai.create', inject: { kind: 'bodyCode', code: '20002' }, modelKey: jimmy, prompt: 'matrix 20002', outcome: 'invalidRequest' },
  { fault: 'in-body -1 on a query (transient)', operation: 'jimmyai.query', inject: { kind: 'bodyCode', code: '-1' }, modelKey: jimmy, prompt: 'matrix -1', outcome: 'succeeded' },
  { fault: 'moderation block', modelKey: jimmy, prompt: 'matrix moderation [sim:moderation]', outcome: 'moderation' },
  { fault: 'moderation block (OpenAI)', operation: 'openai.generate', inject: { kind: 'moderation' }, modelKey: 'openai:gpt-image-2', prompt: 'matrix openai moderation', extra: { size: '1024x1024' }, outcome: 'moderation' },
  { fault: 'failed task', modelKey: jimmy, prompt: 'matrix failed [sim:taskFailed=no capacity]', outcome: 'taskFailed' },
  { fault: '404 / expired image URL', modelKey: jimmy, prompt: 'matrix expired [sim:imageNotFound]', outcome: 'imageExpired' },
  { fault: 'non-image bytes', modelKey: jimmy, prompt: 'matrix not image [sim:notImage]', outcome: 'notAnImage' },
  { fault: 'slow OpenAI answer (headers after 1.5 s)', operation: 'openai.generate', inject: { kind: 'slowHeaders', delayMs: 1500 }, modelKey: 'openai:gpt-image-2', prompt: 'matrix slow openai', extra: { size: '1024x1024' }, outcome: 'succeeded' },
  { fault: 'deadline passed while the provider still runs (overdue, followed slower, lands)', settings: { 'polling.timeoutSeconds': 1.5 }, modelKey: jimmy, prompt: 'matrix overdue [sim:durationMs=3500]', observe: 'overdue', outcome: 'succeeded' },
  { fault: 'streamed previews (shown in the studio, then the image)', modelKey: 'openai:gpt-image-2', prompt: 'matrix streamed', extra: { aspectRatio: '1:1', resolution: '1K', quality: 'low' }, observe: 'studioPreview', outcome: 'succeeded' },
  { fault: 'oversize image (b64_json)', modelKey: 'openai:gpt-image-2', prompt: 'matrix oversize [sim:oversizeImage=55000000]', extra: { size: '1024x1024' }, outcome: 'imageTooLarge' },
];

/** `.part` files in the workspace, except the two the fixture plants for the start-up sweep test. */
function partialFiles(root: string): string[] {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((name) => /\.part$/.test(name) && !/\.(left-behind|still-writing)-/.test(name));
}

/** Opens the studio panel and records what it is sent, from its first state on. */
async function openStudio(api: Awaited<ReturnType<typeof activatedApi>>): Promise<{ messages: HostToWebview[]; dispose(): void }> {
  await vscode.commands.executeCommand('imagegen.openPanel');
  const controller = await waitFor('the studio panel', () => api.panels.controller);
  const messages: HostToWebview[] = [];
  const listener = controller.onDidPost((message) => messages.push(message));
  // The host posts nothing before the page says it is ready; a state message means it did.
  await vscode.commands.executeCommand('imagegen.openPanel');
  await waitFor('the studio to be ready', () => controller.isReady || undefined, 20_000);
  return { messages, dispose: () => listener.dispose() };
}

suite('fault matrix', () => {
  suiteSetup(async () => {
    await activatedApi();
    for (const provider of ['aireiter', 'jimmyai', 'openai']) {
      await vscode.commands.executeCommand('imagegen.setApiKey', provider, 'sim-key');
    }
  });

  teardown(async () => {
    await fetch(`${simulator}/__sim/faults`, { method: 'DELETE' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const row of faultMatrix) {
    test(`${row.fault} → ${row.outcome}`, async () => {
      const root = vscode.workspace.workspaceFolders![0]!.uri;
      const slug = row.fault.replace(/\W+/g, '-');
      const document = vscode.Uri.joinPath(root, 'matrix', `${slug}.md`);
      await vscode.workspace.fs.writeFile(document, Buffer.from('Before.\n'));
      const api = await activatedApi();
      // The studio stays visible beside the document: a hidden panel's page is unloaded.
      const posted = row.observe === 'studioPreview' ? await openStudio(api) : undefined;
      const editor = await vscode.window.showTextDocument(document, posted ? { viewColumn: vscode.ViewColumn.Beside } : {});
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      if (row.operation && row.inject) {
        const injected = await fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: row.operation, fault: row.inject, times: row.times ?? 1 }) });
        assert.equal(injected.status, 200);
      }
      const overdueTasks = new Set<string>();
      const watching = api.board.onDidChange(() => api.board.list().forEach((task) => task.overdue && overdueTasks.add(task.id)));
      const configuration = vscode.workspace.getConfiguration('imagegen');
      const previous = Object.keys(row.settings ?? {}).map((key) => [key, configuration.inspect(key)?.globalValue] as const);
      let record: TaskRecord;
      try {
        for (const [key, value] of Object.entries(row.settings ?? {})) await configuration.update(key, value, vscode.ConfigurationTarget.Global);
        const started = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: row.modelKey, prompt: row.prompt, ...row.extra });
        assert.ok(started, 'the task started');
        record = await waitFor('the task to end', () => {
          const current = api.generation.get(started.id);
          return current && current.state !== 'queued' && current.state !== 'running' ? current : undefined;
        }, 30_000);
      } finally {
        watching.dispose();
        for (const [key, value] of previous) await configuration.update(key, value, vscode.ConfigurationTarget.Global);
      }
      if (row.observe === 'overdue') {
        assert.ok(overdueTasks.has(record.id), 'the task was shown as past its deadline while the provider still ran it');
      }
      if (posted) {
        const previews = posted.messages.filter((message): message is Extract<HostToWebview, { type: 'preview' }> => message.type === 'preview' && message.taskId === record.id);
        assert.deepEqual(previews.map((message) => `${message.index}/${message.total}`), ['1/2', '2/2'], 'each partial image was posted to the studio');
        for (const message of previews) {
          const bytes = Buffer.concat(message.parts);
          assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'as image bytes');
          assert.equal(message.mimeType, 'image/png');
        }
        assert.ok(posted.messages.some((message) => message.type === 'previewCleared' && message.taskId === record.id), 'and withdrawn once the image was saved');
        posted.dispose();
      }

      assert.equal(record.state === 'succeeded' ? 'succeeded' : record.error?.kind, row.outcome, record.error?.message);
      assert.equal(record.input.prompt, row.prompt, 'the prompt stays in the history');
      assert.equal(record.input.modelKey, row.modelKey, 'and its settings');
      assert.deepEqual(partialFiles(root.fsPath), [], 'no partial file in the workspace');
      if (record.error?.kind === 'auth') {
        // A refused key is asked for again; the document is not the place to say so.
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(editor.document.getText(), 'Before.\n', 'nothing inserted for a refused key');
        await vscode.commands.executeCommand('notifications.clearAll');
        return;
      }
      const text = await waitFor('the placeholder to be resolved', () => {
        const current = editor.document.getText();
        return current !== 'Before.\n' ? current : undefined;
      });
      if (record.state === 'succeeded') {
        assert.match(text, /^Before\.\n!\[matrix[^\]]*\]\(\.\.\/assets\/matrix-[^)]+\.png\)$/);
      } else {
        assert.match(text, /^Before\.\n<!-- ImageGen: generation failed: .+ Prompt: ".+"\. Delete this note, or retry from "ImageGen: Show Tasks"\. -->$/);
        assert.ok(record.error!.message.length > 10, 'a message the user can act on');
        assert.doesNotMatch(record.error!.message, /command:|\]\(|<script/i, 'sanitized');
      }
    });
  }
});
