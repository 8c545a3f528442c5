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
      const row = await stage(c, p, machine, wrapperDir);
      addRow(p, row);
      assert.ok(row.clean, row.problems.join('; ') || `lost: ${row.lost}`);
    });
  }
});
