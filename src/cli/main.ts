// `node dist/cli.js COMMAND …`: ImageGen on the command line, with the MCP server's engine, keys
// from the IMAGEGEN_* environment and the workspace's task journal. This file only checks Node's
// version before the rest is even evaluated (esbuild keeps a dynamically imported module lazy), so
// an old Node hears it in one sentence; everything else is in program.ts.
import { nodeVersionProblem } from './nodeVersion';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

void import('./program')
  .then(({ runProgram }) => runProgram(process.argv.slice(2), process.env, process.cwd()))
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Only reached if the program itself could not load: still one line, no stack.
      process.stderr.write(`imagegen: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
