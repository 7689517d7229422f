// Entry point VS Code calls inside the extension host (extensionTestsPath). Runs every
// *.test.js beside it and, when IMAGEGEN_TEST_RESULTS names a file, writes the counts there so
// the outer runner can report passes as well as failures.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.IMAGEGEN_TEST_GREP;
  if (grep) {
    mocha.grep(new RegExp(grep));
    if (process.env.IMAGEGEN_TEST_GREP_INVERT === '1') {
      mocha.invert();
    }
  }
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env.IMAGEGEN_TEST_RESULTS;
      if (resultsFile) {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        writeFileSync(resultsFile, JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending }));
      }
      if (failures > 0) {
        reject(new Error(`${failures} host test(s) failed`));
      } else {
        resolve();
      }
    });
  });
}
