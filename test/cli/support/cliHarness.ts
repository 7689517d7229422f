// The built command line (dist/cli.js) run as a user runs it: a child process with keys and
// endpoints in its environment only, pointed at the provider simulator, stdout and stderr kept
// apart (--json's one object is on stdout, everything else on stderr).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProviderSimulator } from '../../simulator/simulator';

// Bundled into each test file: `__dirname` is out/test/cli.
export const cliPath = resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
export const simKey = 'sim-key';

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** What it wrote on stderr so far. */
  readonly stderr: () => string;
  /** Settles when it has exited. */
  readonly done: Promise<CliRun>;
}

/** The environment a user would set: every provider pointed at the simulator, with its key. */
export function simulatorEnv(simulator: ProviderSimulator, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    IMAGEGEN_AIREITER_API_KEY: simKey,
    IMAGEGEN_JIMMYAI_API_KEY: simKey,
    IMAGEGEN_OPENAI_API_KEY: simKey,
    IMAGEGEN_AIREITER_BASE_URL: simulator.url,
    IMAGEGEN_JIMMYAI_BASE_URL: simulator.url,
    IMAGEGEN_OPENAI_BASE_URL: simulator.url,
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function startCli(args: readonly string[], options: { cwd: string; env: Record<string, string> }): RunningCli {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: node esbuild.mjs --tests builds it`);
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun>((settle) => child.on('close', (code, signal) => settle({ code, signal, stdout, stderr })));
  return { child, stderr: () => stderr, done };
}

/** Runs the command line to its end (at most `limitMs`, then it is killed and the test fails on its exit code). */
export async function runCli(args: readonly string[], options: { cwd: string; env: Record<string, string>; limitMs?: number }): Promise<CliRun> {
  const running = startCli(args, options);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), options.limitMs ?? 60_000);
  try {
    return await running.done;
  } finally {
    clearTimeout(timer);
  }
}

export function newWorkspace(prefix = 'imagegen-cli-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Requests that reached a provider's API (the simulator's control endpoints left out). */
export const providerRequests = (simulator: ProviderSimulator) => simulator.requests.filter((request) => !request.path.startsWith('/__sim/')).length;

/** How many times a prompt was submitted, on any provider's submit path. */
export function submitsOf(simulator: ProviderSimulator, prompt: string): number {
  return simulator.requests.filter((request) => {
    const body = request.body as { prompt?: string; params?: { prompt?: string } } | undefined;
    return request.method === 'POST' && (body?.prompt === prompt || body?.params?.prompt === prompt);
  }).length;
}

/** A stack trace's frames, which the command line never prints. */
export const stackFrame = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
