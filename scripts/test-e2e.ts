// e2e layer: chromium clicks the real UI of code-server with the packaged extension installed.
// Each test/e2e/*.e2e.ts file runs in its own process with its own world and prints its own result; this totals them.
// Screenshots stay in test-output/e2e/; REMOTEIT_UPDATE_SCREENSHOTS=1 also copies the README ones to media/screenshots/
// (a tracked folder, so an ordinary test run never modifies the checkout).
//   node --import tsx scripts/test-e2e.ts [--host oldest|newest] [--only <file name part>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_HOST_ENV, E2E_VSIX_ENV, e2eOutputDir, resultsFile, type E2eResults } from '../test/e2e/harness';
import { optionValue } from './lib/args';
import { buildExtension, packageVsix } from './lib/build';
import { ensureHost, parseHostName } from './lib/hosts';
import { repoRoot } from './lib/paths';
import { loadExeca } from './lib/proc';
import { addCounts, emitResult, failedLine, formatCounts, layerPassed, ZERO, type Counts } from './lib/report';
import { ensureSystemReady } from './lib/systemSetup';

const E2E_DIR = path.join(repoRoot, 'test', 'e2e');
const README_SHOTS = path.join(repoRoot, 'media', 'screenshots');
const FILE_TIMEOUT_MS = 10 * 60_000;
const UPDATE_SCREENSHOTS = process.env.REMOTEIT_UPDATE_SCREENSHOTS === '1';

async function main(): Promise<void> {
  const host = parseHostName(optionValue('--host') ?? 'oldest');
  const only = optionValue('--only');
  const files = fs
    .readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.e2e.ts') && (!only || f.includes(only)))
    .sort();
  if (files.length === 0) throw new Error(`no e2e files${only ? ` matching "${only}"` : ''} in ${E2E_DIR}`);

  await ensureSystemReady({ hosts: [host], sshd: true, browser: true });
  fs.mkdirSync(e2eOutputDir, { recursive: true });
  const buildLog = path.join(e2eOutputDir, 'build.log');
  await buildExtension(buildLog, { tests: true }); // --tests: the scenarios need the connectd stand-in too
  const vsix = await packageVsix(path.join(e2eOutputDir, 'remoteit-connect.vsix'), buildLog);
  await ensureHost(host); // install once here, not concurrently from the files

  let total: Counts = ZERO;
  for (const file of files) {
    const suite = file.replace(/\.e2e\.ts$/, '');
    fs.rmSync(resultsFile(suite), { force: true });
    console.log(`\n[e2e] ${file} on the ${host} host`);
    const code = await runFile(path.join(E2E_DIR, file), { [E2E_HOST_ENV]: host, [E2E_VSIX_ENV]: vsix });
    const results = readResults(suite);
    const counts: Counts = results
      ? { passes: results.passes, failures: results.failures + results.notRun, pending: 0, failed: failedSteps(results) }
      : { ...ZERO, failures: 1, failed: [`${file}: wrote no results`] };
    if (code !== 0 && counts.failures === 0) {
      // crashed after writing good results
      counts.failures = 1;
      counts.failed = [`${file}: exited with code ${code} after its steps`];
    }
    console.log(`[e2e] ${file}: ${formatCounts(counts)}${results?.notRun ? ` (${results.notRun} of them not run after a failure)` : ''}`);
    for (const shot of results?.readmeScreenshots ?? []) {
      if (UPDATE_SCREENSHOTS) copyReadmeScreenshot(shot);
      else console.log(`[e2e] README screenshot candidate: ${path.relative(repoRoot, shot)} (REMOTEIT_UPDATE_SCREENSHOTS=1 copies it to media/screenshots/)`);
    }
    total = addCounts(total, counts);
  }
  console.log(`\n[e2e] total: ${formatCounts(total)}`);
  emitResult('e2e', total);
  if (!layerPassed(total)) process.exitCode = 1;
}

function failedSteps(results: E2eResults): string[] {
  return results.steps.filter((s) => s.state !== 'passed').map((s) => failedLine(`${results.suite}: ${s.title}${s.state === 'not run' ? ' (not run)' : ''}`, s.error));
}

async function runFile(file: string, env: Record<string, string>): Promise<number> {
  const { execa } = await loadExeca();
  // On timeout execa sends SIGTERM, then SIGKILL if the file is still running 5 s later.
  const result = await execa(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, env, stdio: 'inherit', timeout: FILE_TIMEOUT_MS, reject: false });
  if (result.timedOut) console.error(`[e2e] ${path.basename(file)} did not finish within ${FILE_TIMEOUT_MS / 60_000} min; stopped it`);
  return result.exitCode ?? 1;
}

function readResults(suite: string): E2eResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(resultsFile(suite), 'utf8')) as E2eResults;
  } catch {
    return undefined;
  }
}

/** test-output/e2e/<suite>/03-connected.png → media/screenshots/connected.png */
function copyReadmeScreenshot(shot: string): void {
  fs.mkdirSync(README_SHOTS, { recursive: true });
  const target = path.join(README_SHOTS, path.basename(shot).replace(/^\d+-/, ''));
  fs.copyFileSync(shot, target);
  console.log(`[e2e] README screenshot: ${path.relative(repoRoot, target)}`);
}

main().catch((err: unknown) => {
  console.error(`[e2e] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
