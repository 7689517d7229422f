// Every process the test scripts start is a process-group leader, and every process carries
// IMAGEGEN_TEST_RUN in its environment, so cleanup can find all of them: killing only a main pid
// leaves code-server's extension hosts and Chromium's helpers running.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const runId = process.env.IMAGEGEN_TEST_RUN ?? randomUUID();
process.env.IMAGEGEN_TEST_RUN = runId;

const groups = new Set();

/** Spawns `command` as the leader of a new process group that `stopAll` will kill; `options.env` replaces process.env. */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, env: { ...(options.env ?? process.env), IMAGEGEN_TEST_RUN: runId } });
  groups.add(child.pid);
  child.once('exit', () => groups.delete(child.pid));
  return child;
}

export function killGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Pids of live processes (other than this one) started under this test run. */
export function processesOfRun() {
  const mine = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
      continue;
    }
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`IMAGEGEN_TEST_RUN=${runId}`)) {
        mine.push(Number(entry));
      }
    } catch {
      // Exited while we looked, or not ours to read.
    }
  }
  return mine;
}

/** Terminates every group, waits briefly, then kills whatever of this run is still alive. */
export async function stopAll() {
  for (const pid of groups) {
    killGroup(pid, 'SIGTERM');
  }
  const deadline = Date.now() + 3000;
  while (processesOfRun().length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of processesOfRun()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  groups.clear();
}

/** Runs a child to completion, streaming its output through `onLine`; resolves with the exit code. */
export function runToCompletion(command, args, { onLine = (line) => console.log(line), ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop();
        lines.forEach(onLine);
      });
      stream.on('end', () => pending && onLine(pending));
    }
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
