import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import type { ImageGenApi } from '../../src/extension';
import type { HostToWebview, StudioState, WebviewToHost } from '../../src/protocol/studioMessages';

const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri;

export const extensionId = 'imagegen.imagegen';

export function getExtension(): vscode.Extension<ImageGenApi> {
  const extension = vscode.extensions.getExtension<ImageGenApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  return extension;
}

export async function activatedApi(): Promise<ImageGenApi> {
  return getExtension().activate();
}

/**
 * The setup the suites that finish real images share: the extension active with a key for
 * `provider` (the simulator takes any), and each test leaving no notification or editor behind for
 * the next. Call it inside `suite(…)`.
 */
export function finishingSuite(provider: 'aireiter' | 'jimmyai'): void {
  suiteSetup(async function () {
    this.timeout(30_000);
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', provider, 'sim-key'), true);
  });
  teardown(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}

/** The file a link in `document` points to (relative, URI-encoded, as ImageGen writes links). */
export function fileOfLink(document: vscode.TextDocument, href: string): string {
  return join(dirname(document.uri.fsPath), ...decodeURI(href).split('/'));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value as T;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function webviewTabs(viewTypeSuffix: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewTypeSuffix));
}

export async function finished(id: string, timeoutMs = 20_000): Promise<TaskRecord> {
  const api = await activatedApi();
  return waitFor(`task ${id} to finish`, () => {
    const record = api.generation.get(id);
    return record && record.state !== 'queued' && record.state !== 'running' ? record : undefined;
  }, timeoutMs);
}

export async function generate(args: Record<string, unknown>, command = 'imagegen.generate'): Promise<TaskRecord> {
  const record = await vscode.commands.executeCommand<TaskRecord | undefined>(command, args);
  assert.ok(record, `${command} started a task`);
  return finished(record.id);
}

export async function openDocument(relativePath: string, content: string, language?: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const shown = language ? await vscode.languages.setTextDocumentLanguage(document, language) : document;
  return vscode.window.showTextDocument(shown);
}

export function imageFile(record: TaskRecord): Buffer {
  assert.ok(record.imageUri, `the task has an image (state ${record.state}: ${record.error?.message ?? ''})`);
  return readFileSync(vscode.Uri.parse(record.imageUri).fsPath);
}

type Reply = Extract<HostToWebview, { type: 'reply' }>;

/**
 * Speaks for the studio page to the open panel's controller: says `ready`, keeps every state and
 * reply the host posts, and sends messages as the page would (checked by the same protocol).
 */
export async function studioPage(): Promise<{ readonly states: StudioState[]; send(message: WebviewToHost): Promise<void>; reply(requestId: number): Promise<Reply>; dispose(): void }> {
  const api = await activatedApi();
  await vscode.commands.executeCommand('imagegen.openPanel');
  const controller = await waitFor('the studio', () => api.panels.controller);
  const states: StudioState[] = [];
  const replies: Reply[] = [];
  const listener = controller.onDidPost((message) => (message.type === 'state' ? states.push(message) : message.type === 'reply' ? replies.push(message) : undefined));
  await controller.receive({ type: 'ready' });
  return {
    states,
    send: (message) => controller.receive(message),
    reply: (requestId) => waitFor(`the reply to request ${requestId}`, () => replies.find((candidate) => candidate.requestId === requestId)),
    dispose: () => listener.dispose(),
  };
}

export type CapturedPick = vscode.QuickPick<vscode.QuickPickItem & { value?: string }>;

/**
 * Every quick pick and input box the extension creates from now on, as the user sees them: a test
 * reads their items and messages, moves the active item or types a value (as a person would), and
 * accepts with `workbench.action.acceptSelectedQuickOpenItem`. The test shares the extension's
 * `vscode` API object, so wrapping its factories reaches the extension's own calls.
 */
export function captureQuickInputs(): { readonly inputs: (CapturedPick | vscode.InputBox)[]; dispose(): void } {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick; createInputBox: typeof vscode.window.createInputBox };
  const { createQuickPick, createInputBox } = window;
  const inputs: (CapturedPick | vscode.InputBox)[] = [];
  window.createQuickPick = (() => {
    const pick = createQuickPick.call(vscode.window);
    inputs.push(pick as CapturedPick);
    return pick;
  }) as typeof vscode.window.createQuickPick;
  window.createInputBox = () => {
    const box = createInputBox.call(vscode.window);
    inputs.push(box);
    return box;
  };
  assert.notEqual(vscode.window.createInputBox, createInputBox, 'the window API can be wrapped');
  return {
    inputs,
    dispose: () => {
      window.createQuickPick = createQuickPick;
      window.createInputBox = createInputBox;
    },
  };
}

/**
 * Answers the extension's warning messages (a modal question among them) from now on, as the user
 * would click: `answer` gets the message and the buttons and returns the one clicked, or undefined
 * (the dialog closed). Same shared `vscode` API object as captureQuickInputs.
 */
export function answerWarnings(answer: (message: string, buttons: string[]) => string | undefined): { readonly asked: { message: string; modal: boolean; detail?: string }[]; dispose(): void } {
  const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
  const { showWarningMessage } = window;
  const asked: { message: string; modal: boolean; detail?: string }[] = [];
  window.showWarningMessage = (message: unknown, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : {};
    const buttons = rest.map((button) => (typeof button === 'string' ? button : (button as vscode.MessageItem).title));
    asked.push({ message: String(message), modal: options.modal === true, ...(options.detail !== undefined ? { detail: options.detail } : {}) });
    return Promise.resolve(answer(String(message), buttons));
  };
  return { asked, dispose: () => (window.showWarningMessage = showWarningMessage) };
}
