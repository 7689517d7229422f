// Where the command line's words go: messages on stderr (stdout stays for `--json`'s one object),
// always prefixed, never a key (keys are only ever in the environment, which is never printed).
export interface Terminal {
  /** A message for the person at the terminal, on stderr. */
  say(line: string): void;
  /** The one JSON object of a `--json` run, on stdout; settles once it is written. */
  printJson(value: unknown): Promise<void>;
  /** Plain output a command asked for (`models` without --json), on stdout. */
  print(text: string): Promise<void>;
  /** Whether stderr is a terminal: then progress is a bar, otherwise plain lines. */
  readonly interactive: boolean;
}

/** Messages can be rerouted while a progress bar owns the terminal (it redraws below them). */
export class ProcessTerminal implements Terminal {
  private sayThrough: ((line: string) => void) | undefined;

  constructor(
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {}

  get interactive(): boolean {
    return this.stderr.isTTY === true;
  }

  say(line: string): void {
    const text = `imagegen: ${line}`;
    if (this.sayThrough) this.sayThrough(text);
    else this.stderr.write(`${text}\n`);
  }

  /** While set, messages go through `writer` (a progress bar's log) instead of straight to stderr. */
  route(writer: ((line: string) => void) | undefined): void {
    this.sayThrough = writer;
  }

  printJson(value: unknown): Promise<void> {
    return this.print(`${JSON.stringify(value, null, 2)}\n`);
  }

  print(text: string): Promise<void> {
    // Settles once the bytes are handed on, so exiting right after loses nothing of a piped stdout.
    return new Promise((resolve) => this.stdout.write(text, () => resolve()));
  }
}
