// For machines with internet: `npm run test:desktop` runs the same host suites in a downloaded
// VS Code through @vscode/test-cli. CI uses code-server instead (see scripts/test.mjs).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/host/**/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  version: '1.106.0',
  mocha: { ui: 'tdd', timeout: 30000 },
});
