import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixture } from '../integration/support';
import { FAULT_CASES } from './cases';
import { Machine } from './machine';
import { addRow, plan } from './results';
import { stage } from './scene';

describe('faults while one connection is live and another is connecting', () => {
  const p = plan();
  const wrapperDir = path.join(fixture().outputDir, 'faults-wrappers');
  const machine = new Machine(p, wrapperDir);
  for (const c of FAULT_CASES) {
    it(c.fault, async function () {
      this.timeout(150_000);
      // A scene that could not even be set up still gets its row, marked not clean, never left out.
      const row = await stage(c, p, machine, wrapperDir).catch((err: unknown) => ({
        fault: c.fault,
        saw: '(not staged)',
        state: '(unknown)',
        lost: '(not checked)',
        clean: false,
        problems: [`could not stage the fault: ${err instanceof Error ? err.message : String(err)}`],
      }));
      addRow(p, row);
      assert.ok(row.clean, row.problems.join('; ') || `lost: ${row.lost}`);
    });
  }
});
