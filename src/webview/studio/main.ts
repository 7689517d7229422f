import { hostToWebviewSchema, type HostToWebview, type WebviewToHost } from '../../protocol/studioMessages';
import { getVsCodeApi } from './vscodeApi';

type StateMessage = Extract<HostToWebview, { type: 'state' }>;

const vscode = getVsCodeApi<unknown>();
const root = document.getElementById('studio') as HTMLElement;
let nextRequestId = 1;
let strings: Record<string, string> = {};

function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function render(state: StateMessage): void {
  strings = state.strings;
  const list = element('ul', { className: 'task-list' });
  if (state.tasks.length === 0) {
    list.append(element('li', { className: 'empty', textContent: strings.noTasks ?? '' }));
  }
  for (const task of state.tasks) {
    const progress = typeof task.progress === 'number' ? ` ${task.progress}%` : '';
    list.append(
      element('li', { className: `task task-${task.state}` }, [
        element('span', { className: 'task-prompt', textContent: task.prompt }),
        element('span', { className: 'task-meta', textContent: `${task.model} · ${task.state}${progress}` }),
      ]),
    );
  }
  const showTasks = element('button', { type: 'button', id: 'show-tasks', textContent: strings.showTasks ?? '' });
  showTasks.addEventListener('click', () => post({ type: 'runCommand', requestId: nextRequestId++, command: 'imagegen.showTasks' }));
  root.replaceChildren(element('section', { className: 'tasks' }, [element('h2', { textContent: strings.tasksHeading ?? '' }), list, showTasks]));
  root.setAttribute('aria-busy', 'false');
}

function showError(text: string): void {
  root.append(element('p', { className: 'error', role: 'alert', textContent: text } as Partial<HTMLParagraphElement>));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    console.error('ImageGen studio: ignored a message that is not part of the protocol', parsed.error.issues);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'state':
      render(message);
      break;
    case 'reply':
      if (!message.ok) {
        showError((strings.commandFailed ?? '{0}').replace('{0}', message.message ?? ''));
      }
      break;
  }
});

post({ type: 'ready' });
