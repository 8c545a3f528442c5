// Entry point of the fault-and-soak suite (bundled to out/test/faults/index.js, loaded by the workbench like
// the integration suite). The window runs it more than once: the main phase (mocha over the faults and the
// soak) ends by reloading the window; the next load checks the reload and then kills its own extension host;
// the runner reloads the window, and that load checks the crash. Each phase finds its place in the results file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { fixture } from '../integration/support';
import { Machine } from './machine';
import { addRow, load, plan, update } from './results';
import { checkAfterRestart, prepareRestart } from './restart';

export async function run(): Promise<void> {
  const p = plan();
  const machine = new Machine(p, path.join(fixture().outputDir, 'faults-wrappers'));
  const results = load(p);
  try {
    switch (results.phase) {
      case 'main':
        await runMocha();
        await prepareRestart(p, machine, 'after-reload');
        fs.writeFileSync(`${p.killMarker}.reload`, String(process.pid));
        // The reload cancels the command's own promise (and this extension host with it): not awaited.
        void vscode.commands.executeCommand('workbench.action.reloadWindow').then(undefined, () => undefined);
        return new Promise(() => undefined);
      case 'after-reload':
        addRow(p, await checkAfterRestart(p, machine, 'window reload', results.carry));
        await prepareRestart(p, machine, 'after-kill');
        fs.writeFileSync(p.killMarker, String(process.pid));
        process.kill(process.pid, 'SIGKILL');
        return new Promise(() => undefined);
      case 'after-kill':
        fs.writeFileSync(`${p.killMarker}.restarted`, String(process.pid));
        addRow(p, await checkAfterRestart(p, machine, 'extension host SIGKILL', results.carry));
        update(p, (r) => (r.phase = 'done'));
        return;
      case 'done':
        return;
    }
  } catch (err) {
    update(p, (r) => {
      r.errors.push(`${results.phase}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      r.phase = 'done';
    });
  }
}

function runMocha(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  if (process.env.REMOTEIT_TEST_GREP) mocha.grep(process.env.REMOTEIT_TEST_GREP);
  for (const f of ['faults.test.js', 'soak.test.js']) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve) => mocha.run(() => resolve()));
}
