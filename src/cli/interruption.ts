// Ctrl-C and SIGTERM while a command waits for tasks. The first signal lets the command say what
// it leaves behind (a task the provider may already bill is never dropped silently: the journal
// keeps it for `imagegen resume`) and close the journal cleanly; a second one ends the process
// after the journal's write under way (at most a second), the journal holding what it last wrote.
import { exitCodes } from './failures';
import type { Terminal } from './terminal';

export type StopSignal = 'SIGINT' | 'SIGTERM';

const forcedExitWaitMs = 1000;

export class Interruption {
  /** Settles with the first signal. */
  readonly signalled: Promise<StopSignal>;
  private readonly handlers: [StopSignal, () => void][] = [];
  private received: StopSignal | undefined;
  private lastWrite: () => Promise<unknown> = async () => undefined;

  constructor(terminal: Terminal) {
    let resolve!: (signal: StopSignal) => void;
    this.signalled = new Promise((settle) => (resolve = settle));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const handler = () => {
        if (this.received) {
          const code = exitCodeOf(this.received);
          // A journal cut off mid-write would lose a task the provider may bill: let it land, briefly.
          let timer: ReturnType<typeof setTimeout> | undefined;
          const bounded = new Promise((settle) => (timer = setTimeout(settle, forcedExitWaitMs)));
          void Promise.race([this.lastWrite().catch(() => undefined), bounded]).then(() => {
            clearTimeout(timer);
            terminal.say('stopped; the journal keeps the tasks as it last wrote them (imagegen tasks lists them).');
            process.exit(code);
          });
          return;
        }
        this.received = signal;
        resolve(signal);
      };
      this.handlers.push([signal, handler]);
      process.on(signal, handler);
    }
  }

  /** What a second signal waits for (at most `forcedExitWaitMs`) before the process ends: the journal's writes. */
  waitBeforeForcedExit(lastWrite: () => Promise<unknown>): void {
    this.lastWrite = lastWrite;
  }

  get signal(): StopSignal | undefined {
    return this.received;
  }

  /**
   * Runs the command's last `close` with the handlers still in place, then lets go of them: a
   * Ctrl-C while the journal is being closed is still this class's (the first waits, a second ends
   * the process after the journal's write), never Node's default that kills it mid-write.
   */
  async disposeAfter(close: () => Promise<void>): Promise<void> {
    try {
      await close();
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }
}

export const exitCodeOf = (signal: StopSignal) => (signal === 'SIGINT' ? exitCodes.interrupted : exitCodes.terminated);
