// `npm run demo` as a terminal or a process manager ends it: SIGTERM (a service manager's stop)
// and SIGHUP (the terminal closed) stop the simulator and code-server as Ctrl+C does, and leave no
// process of the demo behind. Runs the real script: build, package, simulator, code-server.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(__dirname, '..', '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Pids of live processes whose environment carries this run's marker. */
function processesOf(runId: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`IMAGEGEN_TEST_RUN=${runId}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

for (const [signal, exitCode] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  test(`npm run demo stops the simulator and code-server on ${signal}, leaving nothing running`, { timeout: 10 * 60_000 }, async () => {
    const runId = randomUUID();
    const port = await freePort();
    const demo = spawn(process.execPath, ['scripts/demo.mjs', '--port', String(port)], { cwd: root, env: { ...process.env, IMAGEGEN_TEST_RUN: runId }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const running = new Promise<void>((resolveRunning, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ImageGen demo is running')) resolveRunning();
      };
      demo.stdout.on('data', read);
      demo.stderr.on('data', read);
      demo.once('exit', (code) => reject(new Error(`the demo ended before it ran (exit ${code}):\n${output}`)));
    });
    try {
      await running;
      const simulator = /Simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      assert.ok(simulator, output);
      assert.ok(await answers(`http://127.0.0.1:${port}/healthz`), 'code-server answers while the demo runs');
      assert.ok(await answers(`${simulator}/__sim/requests`), 'the simulator answers while the demo runs');
      assert.ok(processesOf(runId).length >= 2, 'the demo started its processes under its run marker');

      const exited = once(demo, 'exit');
      demo.kill(signal);
      const [code] = await exited;
      assert.equal(code, exitCode, `exit code 128 + the signal's number:\n${output}`);
      assert.match(output, new RegExp(`Stopping the demo \\(${signal}\\)`));
      assert.equal(await answers(`http://127.0.0.1:${port}/healthz`), false, 'code-server is stopped');
      assert.equal(await answers(`${simulator}/__sim/requests`), false, 'the simulator is stopped');
      assert.deepEqual(processesOf(runId), [], 'no process of the demo is left');
    } finally {
      for (const pid of processesOf(runId)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
}
