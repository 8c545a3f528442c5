// The suite's results file: rows are added as each fault ends, so a window reload or a killed extension host
// loses none of them, and the next phase finds what the previous one left for it to check.
import * as fs from 'node:fs';
import { FAULT_PLAN_ENV, type FaultPlan, type FaultResults, type FaultRow } from './plan';

export function plan(): FaultPlan {
  const file = process.env[FAULT_PLAN_ENV];
  if (!file) throw new Error(`${FAULT_PLAN_ENV} is not set: run the suite through npm run test:faults`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FaultPlan;
}

export function load(p: FaultPlan): FaultResults {
  try {
    return JSON.parse(fs.readFileSync(p.resultsFile, 'utf8')) as FaultResults;
  } catch {
    return { phase: 'main', rows: [], errors: [] };
  }
}

export function update(p: FaultPlan, change: (r: FaultResults) => void): FaultResults {
  const results = load(p);
  change(results);
  fs.writeFileSync(p.resultsFile, JSON.stringify(results, null, 2));
  return results;
}

export function addRow(p: FaultPlan, row: FaultRow): void {
  update(p, (r) => {
    r.rows = r.rows.filter((x) => x.fault !== row.fault);
    r.rows.push(row);
  });
}
