// The integration suite under @vscode/test-electron (a downloaded desktop VS Code), for machines that can reach
// update.code.visualstudio.com and have a display (or xvfb-run). Same fixtures, env and settings as the
// code-server runner. Offline it stops at the download with a clear message.
//   node --import tsx scripts/test-electron.ts [--vscode-version stable|1.100.0]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { startFixtures } from '../test/support/fixtures';
import { optionValue } from './lib/args';
import { buildExtension } from './lib/build';
import { repoRoot, testOutputDir } from './lib/paths';
import { emitResult, formatCounts, layerPassed, ZERO, type Counts } from './lib/report';
import { newRunDir } from './lib/runDir';
import { ensureSystemReady } from './lib/systemSetup';
import type { SuiteSummary } from './lib/inHost';

/** Give up on a stalled download after this long without data (test-electron's idle timeout). */
const DOWNLOAD_IDLE_TIMEOUT_MS = 20_000;
/** ... and on the whole download after this long. */
const DOWNLOAD_TOTAL_TIMEOUT_MS = 10 * 60_000;

async function download(version: string): Promise<string> {
  console.log(`[electron] downloading VS Code ${version} into .vscode-test/ (needs update.code.visualstudio.com)`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no VS Code after ${DOWNLOAD_TOTAL_TIMEOUT_MS / 60_000} min`)), DOWNLOAD_TOTAL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test'), timeout: DOWNLOAD_IDLE_TIMEOUT_MS }), deadline]);
  } catch (err) {
    throw new Error(
      `could not download VS Code ${version}: ${err instanceof Error ? err.message : String(err)}\n` +
        '  This runner needs internet access to update.code.visualstudio.com. Offline, use `npm run test:integration`, ' +
        'which runs the same suite in the pinned code-server hosts.',
    );
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const version = optionValue('--vscode-version') ?? 'stable';
  await ensureSystemReady({ sshd: true });
  fs.mkdirSync(testOutputDir, { recursive: true });
  const vscodeExecutablePath = await download(version); // before anything else starts: fail fast
  await buildExtension(path.join(testOutputDir, 'build.log'), { tests: true });

  const runDir = newRunDir('electron');
  const fixtures = await startFixtures({ runDir });
  let counts: Counts = { ...ZERO, failures: 1 };
  try {
    const userData = path.join(runDir, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(userData, 'User', 'settings.json'),
      JSON.stringify({ 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, ...fixtures.settings }, null, 2),
    );
    const workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    const exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: fixtures.env,
      launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', path.join(runDir, 'extensions'), '--disable-workspace-trust'],
    }).catch((err: unknown) => {
      console.error(`[electron] VS Code test run failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    });
    const resultsFile = path.join(fixtures.fixture.outputDir, 'integration-results.json');
    if (fs.existsSync(resultsFile)) {
      const summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteSummary;
      counts = { passes: summary.passes, failures: summary.failures + (exitCode !== 0 && summary.failures === 0 ? 1 : 0), pending: summary.pending };
    }
  } finally {
    await fixtures.close();
  }
  console.log(`[electron] ${formatCounts(counts)}`);
  emitResult('electron', counts);
  if (!layerPassed(counts)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`[electron] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
