// A running task's progress while the command waits: a bar on stderr when it is a terminal, drawn
// by cli-progress (a maintained library handles redraws, the terminal's width and cursor), and
// plain lines otherwise (`… running 40%`), one whenever the state or percentage changes, so a CI
// log shows progress without control characters. It reads the task views the engine keeps up to
// date, so a started and a resumed task are shown alike.
import { MultiBar, type SingleBar } from 'cli-progress';
import type { TaskView } from './tasks';
import type { ProcessTerminal } from './terminal';

const refreshMs = 250;

export class ProgressDisplay {
  private readonly watched = new Map<string, { task: TaskView; last: string; bar?: SingleBar }>();
  private readonly timer: NodeJS.Timeout;
  private readonly bars: MultiBar | undefined;
  private stopped = false;

  constructor(private readonly terminal: ProcessTerminal) {
    if (terminal.interactive) {
      this.bars = new MultiBar({ stream: process.stderr, format: ' {task} [{bar}] {percentage}% {state}', barsize: 30, hideCursor: true, clearOnComplete: false, stopOnComplete: false, barCompleteChar: '█', barIncompleteChar: '░', autopadding: true });
      terminal.route((line) => this.bars!.log(`${line}\n`));
    }
    this.timer = setInterval(() => this.refresh(), refreshMs);
  }

  watch(task: TaskView): void {
    const entry: { task: TaskView; last: string; bar?: SingleBar } = { task, last: '' };
    if (this.bars) entry.bar = this.bars.create(100, 0, { task: shortId(task.id), state: stateWords(task) });
    this.watched.set(task.id, entry);
    this.refresh();
  }

  /** Draws the last state and lets go of the terminal. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.refresh();
    this.bars?.stop();
    this.terminal.route(undefined);
  }

  private refresh(): void {
    for (const entry of this.watched.values()) {
      const { task } = entry;
      const words = stateWords(task);
      const percent = task.state === 'succeeded' ? 100 : Math.max(0, Math.min(99, task.progress ?? 0));
      if (entry.bar) {
        entry.bar.update(percent, { state: words });
        continue;
      }
      const line = task.state === 'running' && task.progress !== undefined ? `task ${shortId(task.id)} running ${percent}%` : `task ${shortId(task.id)} ${words}`;
      if (line !== entry.last) {
        entry.last = line;
        this.terminal.say(line);
      }
    }
  }
}

/** The first part of a UUID is enough to tell tasks apart on screen; messages give the whole id. */
export const shortId = (id: string) => (/^[0-9a-f]{8}-/.test(id) ? id.slice(0, 8) : id);

function stateWords(task: TaskView): string {
  switch (task.state) {
    case 'submitting':
      return 'sending…';
    case 'running':
      return task.progress !== undefined ? 'running' : `accepted${task.providerTaskId ? ` (provider task ${task.providerTaskId})` : ''}`;
    case 'succeeded':
      return 'saved';
    default:
      return task.state;
  }
}
