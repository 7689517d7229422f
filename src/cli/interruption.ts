// Ctrl-C and SIGTERM while a command waits for tasks. The first signal lets the command say what
// it leaves behind (a task the provider may already bill is never dropped silently: the journal
// keeps it for `imagegen resume`) and close the journal cleanly; a second one ends the process at
// once, the journal holding what it last wrote.
import { exitCodes } from './failures';
import type { Terminal } from './terminal';

export type StopSignal = 'SIGINT' | 'SIGTERM';

export class Interruption {
  /** Settles with the first signal. */
  readonly signalled: Promise<StopSignal>;
  private readonly handlers: [StopSignal, () => void][] = [];
  private received: StopSignal | undefined;

  constructor(terminal: Terminal) {
    let resolve!: (signal: StopSignal) => void;
    this.signalled = new Promise((settle) => (resolve = settle));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const handler = () => {
        if (this.received) {
          terminal.say('stopped at once; the journal keeps the tasks as it last wrote them (imagegen tasks lists them).');
          process.exit(exitCodeOf(this.received));
        }
        this.received = signal;
        resolve(signal);
      };
      this.handlers.push([signal, handler]);
      process.on(signal, handler);
    }
  }

  get signal(): StopSignal | undefined {
    return this.received;
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }
}

export const exitCodeOf = (signal: StopSignal) => (signal === 'SIGINT' ? exitCodes.interrupted : exitCodes.terminated);
