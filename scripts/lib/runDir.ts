// Per-run folders under test-output/: every server, browser profile, fixture and log of one run lives in one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testOutputDir } from './paths';

/** Creates test-output/run-<label>-<timestamp>/ and returns its absolute path. */
export function newRunDir(label: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const base = path.join(testOutputDir, `run-${label}-${stamp}`);
  let dir = base;
  for (let i = 2; fs.existsSync(dir); i++) dir = `${base}-${i}`;
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
