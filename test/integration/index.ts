// Entry point of the in-host suite, in the shape @vscode/test-electron and code-server's payload runner both
// load: `run()` runs mocha over the bundled *.test.js files next to this one and writes a JSON summary.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { FIXTURE_ENV, type TestFixture } from '../fixture';

interface Result {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

const NO_FOLDER_SUITE = /with no folder open/;

export function run(): Promise<void> {
  const fixturePath = process.env[FIXTURE_ENV];
  const fixture: TestFixture | undefined = fixturePath ? JSON.parse(fs.readFileSync(fixturePath, 'utf8')) : undefined;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // A window without a folder runs only the no-folder suite; a window with one runs everything else.
  const folderless = !vscode.workspace.workspaceFolders?.length;
  if (process.env.REMOTEIT_TEST_GREP) mocha.grep(process.env.REMOTEIT_TEST_GREP);
  else mocha.grep(NO_FOLDER_SUITE);
  if (!process.env.REMOTEIT_TEST_GREP && !folderless) mocha.invert();
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const results: Result[] = [];
    const runner = mocha.run((failures) => {
      const summary = {
        passes: results.filter((r) => r.state === 'passed').length,
        failures,
        pending: results.filter((r) => r.state === 'pending').length,
        tests: results,
      };
      if (fixture) {
        const name = folderless ? 'integration-results-nofolder.json' : 'integration-results.json';
        fs.writeFileSync(path.join(fixture.outputDir, name), JSON.stringify(summary, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (summary.passes === 0) reject(new Error('no integration tests ran'));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
  });
}
