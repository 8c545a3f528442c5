// `npm run bench`: every benchmark section in turn, each printed as a table as soon as it is done.
// `npm run bench -- 2 4` runs only the sections whose titles start with those numbers.
// `npm run bench -- --check` prints the performance goals instead (check.ts): each measured value against its
// limit, ok or OVER. Nothing is asserted either way: the exit status is 0 whatever the numbers are.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { apiPagingSection } from './apiPaging.bench';
import { runChecks } from './check';
import { deviceListSection } from './deviceList.bench';
import { engineSection } from './engine.bench';
import { formatRows, type Section } from './measure';
import { standInSection } from './standIn.bench';
import { statusLinesSection } from './statusLines.bench';

const SECTIONS: Section[] = [statusLinesSection, deviceListSection, apiPagingSection, engineSection, standInSection];

async function main(): Promise<void> {
  if (process.argv.includes('--check')) return runChecks();
  const only = process.argv.slice(2);
  const chosen = only.length === 0 ? SECTIONS : SECTIONS.filter((s) => only.some((n) => s.title.startsWith(`${n}.`)));
  const started = performance.now();
  console.log(`remote.it Connect benchmarks — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString()}`);
  for (const section of chosen) {
    console.log(`\n## ${section.title}`);
    const result = await section.run();
    console.log('skipped' in result ? `skipped: ${result.skipped}` : formatRows(result.rows));
  }
  console.log(`\nall benchmarks done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
