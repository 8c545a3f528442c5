// Integration layer: the in-host mocha suite (test/integration) inside each pinned VS Code host, like a version
// matrix, against the emulator, the connectd stand-in, a real HTTP target and a real sshd. Each host gets two
// windows: one with a workspace folder (every suite but the no-folder one) and one with no folder (only that
// suite; test/integration/index.ts picks by the window). After each window closes, no connectd may be left.
//   node --import tsx scripts/test-integration.ts [--host newest|oldest] [--grep <pattern>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STANDIN_ENV } from '../test/emulator';
import { CONNECTD_STANDIN, startFixtures } from '../test/support/fixtures';
import { optionValue } from './lib/args';
import { buildExtension } from './lib/build';
import { startCodeServer } from './lib/codeServer';
import { checkNoConnectdSurvives, type ConnectdMatch } from './lib/connectdSurvivors';
import { ensureHost, parseHostName, type Host, type HostName } from './lib/hosts';
import { runInHostSuite } from './lib/inHost';
import { repoRoot, testOutputDir } from './lib/paths';
import { addCounts, emitResult, failedLine, formatCounts, layerPassed, ZERO, type Counts } from './lib/report';
import { newRunDir } from './lib/runDir';
import { ensureSystemReady } from './lib/systemSetup';

const SUITE_TIMEOUT_MS = Number(process.env.REMOTEIT_SUITE_TIMEOUT_MS ?? 15 * 60_000);
/** The suite index.ts runs only in a window without a folder (it selects it by this part of the title). */
const NO_FOLDER_SUITE = 'with no folder open';
const SURVIVOR_TEST = 'no connectd survives its window';

interface Pass {
  host: Host;
  folder: boolean;
  /** --grep, narrowed by the runner to the tests this window runs. */
  grep?: string;
}

async function runOnHost(name: HostName, grep: string | undefined): Promise<Counts> {
  const host = await ensureHost(name);
  console.log(`\n[integration] ${name} host: code-server ${host.version} (VS Code ${host.vscodeVersion})`);
  let counts = ZERO;
  for (const folder of [true, false]) {
    const pass: Pass = { host, folder, grep };
    counts = addCounts(
      counts,
      await runPass(pass).catch((err: unknown) => {
        console.error(`[integration] ${passLabel(pass)}: could not start: ${err instanceof Error ? err.message : String(err)}`);
        return { ...ZERO, failures: 1 };
      }),
    );
  }
  console.log(`[integration] ${name} host (VS Code ${host.vscodeVersion}): ${formatCounts(counts)}`);
  return counts;
}

/** One window: fresh fixtures, a fresh code-server (own user data, so no last folder to reopen), the suite, the leftover check. */
async function runPass(pass: Pass): Promise<Counts> {
  const { host } = pass;
  const label = passLabel(pass);
  const runDir = newRunDir(`integration-${host.name}${pass.folder ? '' : '-nofolder'}`);
  console.log(`[integration] ${label}: run dir ${path.relative(repoRoot, runDir)}`);
  const fixtures = await startFixtures({ runDir });
  try {
    const workspace = pass.folder ? path.join(runDir, 'workspace') : undefined;
    if (workspace) fs.mkdirSync(workspace, { recursive: true });
    const env = { ...fixtures.env, ...(pass.grep ? { REMOTEIT_TEST_GREP: windowGrep(pass.grep, pass.folder) } : {}) };
    const server = await startCodeServer({ host, runDir, workspace, settings: fixtures.settings, env });
    try {
      const connectd: ConnectdMatch = { standIn: CONNECTD_STANDIN, envEntry: `${STANDIN_ENV}=${fixtures.fixture.apiUrl}` };
      const resultsName = pass.folder ? 'integration-results.json' : 'integration-results-nofolder.json';
      const suite = await runSuite(label, !!pass.grep, () =>
        runInHostSuite({
          server,
          extensionDevelopmentPath: repoRoot,
          extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
          resultsFile: path.join(fixtures.fixture.outputDir, resultsName),
          timeoutMs: SUITE_TIMEOUT_MS,
        }),
      );
      return addCounts(suite, await checkSurvivors(label, connectd));
    } finally {
      await server.close();
    }
  } finally {
    await fixtures.close();
  }
}

function passLabel(pass: Pass): string {
  return `${pass.host.name}, ${pass.folder ? 'folder' : 'no folder'}`;
}

async function runSuite(label: string, grepped: boolean, run: () => ReturnType<typeof runInHostSuite>): Promise<Counts> {
  try {
    const result = await run();
    if (!result.summary) {
      console.log(`[integration] ${label}: the suite wrote no results (exit code ${result.exitCode}); see the [vscode …] lines above`);
      return { ...ZERO, failures: 1, failed: [`${label}: the suite wrote no results (exit code ${result.exitCode})`] };
    }
    const { summary } = result;
    if (grepped && summary.tests.length === 0) {
      console.log(`[integration] ${label}: no test matches --grep in this window`);
      return ZERO;
    }
    const failedTests = summary.tests.filter((t) => t.state === 'failed');
    for (const t of failedTests) console.log(`[integration] ${label} FAILED: ${t.title}\n  ${t.error ?? ''}`);
    console.log(`[integration] ${label}: ${formatCounts(summary)}`);
    // A suite that resolved run() with failing counts, or rejected with none, is inconsistent: count it failed.
    const inconsistent = result.exitCode !== 0 && summary.failures === 0;
    const failed = failedTests.map((t) => failedLine(`${label}: ${t.title}`, t.error));
    if (inconsistent) failed.push(`${label}: the suite exited with code ${result.exitCode} and no failing test`);
    return { passes: summary.passes, failures: summary.failures + (inconsistent ? 1 : 0), pending: summary.pending, failed };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.log(`[integration] ${label}: the suite could not run: ${why}`);
    return { ...ZERO, failures: 1, failed: [failedLine(`${label}: the suite could not run`, why)] };
  }
}

/**
 * The window is closed: when the suite ends the workbench stops its extension host (deactivate() runs) before it
 * calls codeAutomationExit, and the browser is gone. code-server itself still runs, as a user's server would.
 */
async function checkSurvivors(label: string, connectd: ConnectdMatch): Promise<Counts> {
  const check = await checkNoConnectdSurvives(connectd);
  if (check.passed) {
    console.log(`[integration] ${label} ✔ ${SURVIVOR_TEST} (none left after ${(check.waitedMs / 1000).toFixed(1)} s)`);
    return { ...ZERO, passes: 1 };
  }
  console.log(
    `[integration] ${label} FAILED: ${SURVIVOR_TEST}\n  pid(s) ${check.survivors.join(', ')} still running ` +
      `${Math.round(check.waitedMs / 1000)} s after the window closed (killed now)`,
  );
  return { ...ZERO, failures: 1, failed: [`${label}: ${SURVIVOR_TEST}`] };
}

/**
 * --grep within what this window runs: index.ts runs a grep as given, so the runner adds the window's own
 * selection (mocha treats the string as a regular expression; both lookaheads match the full test title).
 */
function windowGrep(grep: string, folder: boolean): string {
  return `^(?${folder ? '!' : '='}.*${NO_FOLDER_SUITE})(?=.*(?:${grep}))`;
}

async function main(): Promise<void> {
  const picked = optionValue('--host');
  const hosts: HostName[] = picked ? [parseHostName(picked)] : ['newest', 'oldest'];
  const grep = optionValue('--grep');
  await ensureSystemReady({ hosts, sshd: true, browser: true });
  fs.mkdirSync(testOutputDir, { recursive: true });
  await buildExtension(path.join(testOutputDir, 'build.log'), { tests: true });

  let total = ZERO;
  const perHost: string[] = [];
  for (const name of hosts) {
    let counts: Counts;
    try {
      counts = await runOnHost(name, grep);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      console.error(`[integration] ${name} host could not run the suite: ${why}`);
      counts = { ...ZERO, failures: 1, failed: [failedLine(`${name} host could not run the suite`, why)] };
    }
    perHost.push(`${name}: ${formatCounts(counts)}`);
    total = addCounts(total, counts);
  }
  console.log(`\n[integration] ${perHost.join(' | ')}`);
  console.log(`[integration] total: ${formatCounts(total)}`);
  emitResult('integration', total);
  if (!layerPassed(total)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`[integration] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
