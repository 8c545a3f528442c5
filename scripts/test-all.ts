// `npm test`: the unit, integration, e2e and faults layers in turn, each with its pass/fail counts, then a summary.
// Fails when any layer fails or runs no tests. Options go to the layers that take them (e.g. --host oldest).
import * as path from 'node:path';
import { optionValue } from './lib/args';
import { parseHostName } from './lib/hosts';
import { repoRoot } from './lib/paths';
import { loadExeca } from './lib/proc';
import { formatCounts, layerPassed, RESULT_MARKER, type Counts } from './lib/report';
import { ensureSystemReady } from './lib/systemSetup';

interface Layer {
  name: string;
  script: string;
  args: string[];
}

interface LayerOutcome {
  name: string;
  counts?: Counts;
  seconds: number;
  passed: boolean;
}

function layers(): Layer[] {
  const host = optionValue('--host');
  return [
    { name: 'unit', script: 'test-unit.ts', args: [] },
    { name: 'integration', script: 'test-integration.ts', args: host ? ['--host', host] : [] },
    // One host is enough for the UI journey; the oldest starts fastest.
    { name: 'e2e', script: 'test-e2e.ts', args: ['--host', host ?? 'oldest'] },
    // Faults and the soak in one window of one host (the newest, unless --host picks another).
    { name: 'faults', script: 'test-faults.ts', args: host ? ['--host', host] : [] },
  ];
}

/** Runs one layer's script, echoing its output and picking up its TEST-LAYER-RESULT line. */
async function runLayer(layer: Layer): Promise<LayerOutcome> {
  const started = Date.now();
  console.log(`\n======== ${layer.name} ========`);
  const { execa } = await loadExeca();
  const child = execa(process.execPath, ['--import', 'tsx', path.join(__dirname, layer.script), ...layer.args], {
    cwd: repoRoot,
    stdin: 'ignore',
    stderr: 'inherit',
    buffer: false, // its lines are echoed as they come, not kept
    reject: false,
  });
  let counts: Counts | undefined;
  for await (const line of child) {
    if (line.startsWith(RESULT_MARKER)) counts = JSON.parse(line.slice(RESULT_MARKER.length)) as Counts;
    else console.log(line);
  }
  const { exitCode } = await child;
  const seconds = Math.round((Date.now() - started) / 1000);
  return { name: layer.name, counts, seconds, passed: exitCode === 0 && counts !== undefined && layerPassed(counts) };
}

async function main(): Promise<void> {
  // Once for all layers, so a missing package stops the run before the first layer, not in the middle.
  const host = optionValue('--host');
  await ensureSystemReady({ hosts: host ? [parseHostName(host)] : ['newest', 'oldest'], sshd: true, browser: true });
  const outcomes: LayerOutcome[] = [];
  for (const layer of layers()) {
    const outcome = await runLayer(layer);
    console.log(`======== ${layer.name}: ${describe(outcome)} ========`);
    outcomes.push(outcome);
  }
  console.log('\nSummary');
  for (const o of outcomes) console.log(`  ${o.passed ? 'PASS' : 'FAIL'}  ${o.name.padEnd(12)} ${describe(o)}`);
  const failed = outcomes.filter((o) => !o.passed).map((o) => o.name);
  // Last, so the tail of a CI log says what failed, not only in which layer.
  const failedTests = outcomes.flatMap((o) => (o.counts?.failed ?? []).map((line) => `  ${o.name}: ${line}`));
  if (failedTests.length > 0) console.log(`\nFailed tests:\n${failedTests.join('\n')}`);
  console.log(failed.length === 0 ? '\nAll layers passed.' : `\nFailed layers: ${failed.join(', ')}`);
  if (failed.length > 0) process.exitCode = 1;
}

function describe(o: LayerOutcome): string {
  const counts = o.counts ? formatCounts(o.counts) : 'no results (the runner crashed)';
  const empty = o.counts && o.counts.passes === 0 && o.counts.failures === 0 ? ' — no tests ran' : '';
  return `${counts}${empty} in ${o.seconds} s`;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
