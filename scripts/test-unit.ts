// Unit layer: mocha over test/unit/.mocharc.json (plain Node, no VS Code), then its counts.
//   node --import tsx scripts/test-unit.ts [extra mocha arguments, e.g. --grep parser]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, testOutputDir } from './lib/paths';
import { loadExeca } from './lib/proc';
import { COUNTS_FILE_ENV, emitResult, formatCounts, layerPassed, ZERO, type Counts } from './lib/report';

async function main(): Promise<void> {
  fs.mkdirSync(testOutputDir, { recursive: true });
  const countsFile = path.join(testOutputDir, 'unit-counts.json');
  fs.rmSync(countsFile, { force: true });
  const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const reporter = path.join(__dirname, 'lib', 'countingSpecReporter.ts');
  const args = [mocha, '--config', 'test/unit/.mocharc.json', '--reporter', reporter, ...process.argv.slice(2)];
  const { execa } = await loadExeca();
  const { exitCode = 1 } = await execa(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env: { [COUNTS_FILE_ENV]: countsFile }, reject: false });
  let counts: Counts = { ...ZERO, failures: 1 };
  try {
    counts = JSON.parse(fs.readFileSync(countsFile, 'utf8')) as Counts;
  } catch {
    console.error('[unit] mocha wrote no counts: it failed before running tests');
  }
  if (exitCode !== 0 && counts.failures === 0) counts.failures = 1;
  console.log(`[unit] ${formatCounts(counts)}`);
  emitResult('unit', counts);
  if (!layerPassed(counts)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`[unit] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
