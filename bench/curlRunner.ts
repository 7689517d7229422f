// Runs curl from one small shell started up front, so fetching the baseline never forks the bench
// process itself: a fork of a process with a large heap copies its page tables and turns its pages
// copy-on-write, which then taxes the next download measured in that process (perf showed
// copy_page_range and do_wp_page in the bench process). The time is taken by the shell around
// the curl command, as `time curl -o file url` would report it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export class CurlRunner {
  private readonly shell: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;

  constructor() {
    this.shell = spawn('bash', ['--noprofile', '--norc'], { stdio: 'pipe' });
    this.lines = createInterface({ input: this.shell.stdout })[Symbol.asyncIterator]();
  }

  /** Fetches `url` into `file`; resolves to curl's transfer time in milliseconds. */
  async fetch(url: string, file: string): Promise<number> {
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    this.shell.stdin.write(`s=$EPOCHREALTIME; if curl -s -f -o ${quote(file)} ${quote(url)}; then e=$EPOCHREALTIME; echo "$s $e"; else echo failed; fi\n`);
    const { value, done } = await this.lines.next();
    const [started, ended] = (value ?? '').split(' ').map(Number);
    if (done || !Number.isFinite(started) || !Number.isFinite(ended)) {
      throw new Error(`curl could not fetch ${url}: ${value ?? 'no answer'}`);
    }
    return (ended! - started!) * 1000;
  }

  close(): void {
    this.shell.stdin.end();
  }
}
