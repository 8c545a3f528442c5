// Fault-and-soak layer: the in-host suite test/faults in one window of the newest pinned VS Code host, against
// the emulator (behind a pass-through that adds redirects and renamed/removed devices), the connectd
// stand-in, a real HTTP target and a real sshd. It prints one row per fault and the soak's figures, and fails
// when a fault did not end clean or anything leaked. The window is reloaded once by the suite itself and once
// by this runner, after the suite has killed its own extension host.
//   node --import tsx scripts/test-faults.ts [--host newest|oldest] [--grep <fault words>] [--cycles <n>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { DEMO_SERVICES } from '../test/emulator';
import { startApiFront } from '../test/faults/apiFront';
import { heapCensus, type HeapCensus } from '../test/faults/heapCensus';
import { FAULT_PLAN_ENV, type FaultPlan, type FaultResults, type FaultRow, type SoakFigures } from '../test/faults/plan';
import { CONNECTD_STANDIN, startFixtures, type RunningFixtures } from '../test/support/fixtures';
import { optionValue } from './lib/args';
import { launchBrowser } from './lib/browser';
import { buildExtension } from './lib/build';
import { startCodeServer, type RunningCodeServer } from './lib/codeServer';
import { checkNoConnectdSurvives } from './lib/connectdSurvivors';
import { ensureHost, parseHostName } from './lib/hosts';
import { repoRoot, testOutputDir } from './lib/paths';
import { emitResult, failedLine, ZERO, type Counts } from './lib/report';
import { newRunDir } from './lib/runDir';
import { ensureSystemReady } from './lib/systemSetup';

const SUITE_TIMEOUT_MS = Number(process.env.REMOTEIT_FAULTS_TIMEOUT_MS ?? 20 * 60_000);
/** Extension-host memory after the soak over before, at most. */
const MEMORY_RATIO_LIMIT = 1.2;
/** The workbench's own chatter, offline: nothing about the extension under test. */
const NOISE = ['ENOTFOUND open-vsx.org', '[AgentHost]', '[ChatModelSelection]', '[AccountPolicyGate]', 'chatEditingSessions', 'ChatSessionStore'];
/** HTTP services on devices of their own, all forwarding to the fixture's web target. */
const WEB_DEVICES = 8;

async function main(): Promise<void> {
  const host = await ensureHost(parseHostName(optionValue('--host') ?? 'newest'));
  await ensureSystemReady({ hosts: [host.name], sshd: true, browser: true });
  fs.mkdirSync(testOutputDir, { recursive: true });
  await buildExtension(path.join(testOutputDir, 'build.log'), { tests: true });
  const runDir = newRunDir('faults');
  console.log(`[faults] ${host.name} host: code-server ${host.version} (VS Code ${host.vscodeVersion}); run dir ${path.relative(repoRoot, runDir)}`);
  const fixtures = await startFixtures({ runDir });
  const front = await startApiFront(fixtures.fixture.apiUrl);
  let results: FaultResults | undefined;
  let plan: FaultPlan | undefined;
  let survivors = 0;
  try {
    plan = await writePlan(runDir, fixtures, front.url);
    const workspace = path.join(runDir, 'workspace');
    writeUserFiles(workspace, plan);
    // connectd gets a minimal environment, but CONNECTD_* variables reach it (and the suite's wrappers): a run marker.
    const [markerName, markerValue] = plan.runMarker.split('=');
    const env: Record<string, string> = { ...fixtures.env, [FAULT_PLAN_ENV]: path.join(runDir, 'fault-plan.json'), [markerName]: markerValue };
    const grep = optionValue('--grep');
    if (grep) env.REMOTEIT_TEST_GREP = grep;
    const server = await startCodeServer({ host, runDir, workspace, settings: { ...fixtures.settings, 'remoteit.apiUrl': front.url }, env });
    try {
      await runPhases(server, plan);
    } catch (err) {
      console.log(`[faults] the suite could not run: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await server.close();
    }
    results = readResults(plan.resultsFile);
    const check = await checkNoConnectdSurvives({ standIn: CONNECTD_STANDIN, envEntry: plan.runMarker });
    survivors = check.survivors.length;
  } finally {
    await front.close();
    await fixtures.close();
  }
  const passed = report(results, plan, survivors);
  emitResult('faults', passed);
  if (passed.failures > 0 || passed.passes === 0) process.exitCode = 1;
}

/** The plan the suite reads: extra web devices (added to the running emulator), files and markers. */
async function writePlan(runDir: string, fixtures: RunningFixtures, frontUrl: string): Promise<FaultPlan> {
  const web = fixtures.world.devices.flatMap((d) => d.services).find((s) => s.id === DEMO_SERVICES.web);
  if (!web?.target) throw new Error('the demo world has no web service with a target');
  const devices = Array.from({ length: WEB_DEVICES }, (_, i) => {
    const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
    const deviceId = `80:00:00:00:0F:AB:${hex(i)}:00`;
    return {
      id: deviceId,
      name: `Fault rack ${i + 1}`,
      state: 'active' as const,
      owner: fixtures.fixture.account.email,
      services: [{ id: `80:00:00:00:0F:AB:${hex(i)}:01`, name: `Web ${i + 1}`, application: 7, state: 'active' as const, port: 80, target: web.target }],
    };
  });
  const res = await fetch(`${fixtures.fixture.controlUrl}/world/add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ devices }) });
  if (!res.ok) throw new Error(`could not add the fault devices to the emulator: ${res.status} ${await res.text()}`);
  const outputDir = fixtures.fixture.outputDir;
  const heapDir = path.join(outputDir, 'heap');
  fs.mkdirSync(heapDir, { recursive: true });
  const plan: FaultPlan = {
    frontUrl,
    userDataDir: path.join(runDir, 'user-data'),
    userSshConfig: String(fixtures.settings['remoteit.ssh.configFile']),
    webServices: devices.map((d) => ({ id: d.services[0].id, deviceId: d.id, name: d.services[0].name })),
    runMarker: `CONNECTD_FAULTS_RUN=${path.basename(runDir)}`,
    standIn: CONNECTD_STANDIN,
    soakCycles: Number(optionValue('--cycles') ?? 500),
    resultsFile: path.join(outputDir, 'fault-results.json'),
    killMarker: path.join(outputDir, 'extension-host-killed'),
    heapDir,
  };
  fs.writeFileSync(path.join(runDir, 'fault-plan.json'), JSON.stringify(plan, null, 2));
  return plan;
}

/** What the faults must leave intact: the user's own ssh config and a tasks.json of theirs. */
function writeUserFiles(workspace: string, plan: FaultPlan): void {
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'tasks.json'),
    JSON.stringify({ version: '2.0.0', tasks: [{ type: 'connectd', service: plan.webServices[7].id, port: 39999, label: 'my web' }] }, null, 2) + '\n',
  );
  fs.writeFileSync(plan.userSshConfig, '# my own ssh config\nHost buildbox\n  HostName 10.0.0.5\n  User me\n', { mode: 0o644 });
}

/**
 * One browser page runs the suite through all its phases: the workbench loads the suite again after each
 * reload. When the suite has killed its extension host, this reloads the page unless VS Code already started
 * a new extension host (which then runs the next phase).
 */
async function runPhases(server: RunningCodeServer, plan: FaultPlan): Promise<void> {
  const context = await launchBrowser(server.runDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = Array.isArray(args) && typeof args[0] === 'string' ? format(...(args as [string, ...unknown[]])) : format(args);
      if (NOISE.some((noise) => text.includes(noise))) return;
      for (const line of text.split('\n')) console.log(`[vscode ${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = Number(code)));
    const remote = (p: string) => `vscode-remote://${new URL(server.url).host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'test', 'faults', 'index.js'))],
    ];
    await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }));
    const deadline = Date.now() + SUITE_TIMEOUT_MS;
    let reloadedAfterKill = false;
    let reloadAsked: number | undefined;
    const reloadFile = `${plan.killMarker}.reload`;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const killed = fs.existsSync(plan.killMarker);
      // A test window ends when its extension host dies; after the suite's own kill that is the crash being
      // tested, not the end of the suite: the page is reloaded below, as a user would.
      if (exitCode !== undefined && !(killed && !reloadedAfterKill)) return;
      if (Date.now() > deadline) throw new Error(`the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} min; see ${server.logFile}`);
      // The suite asked VS Code to reload the window; should the window stay, reload the page as a user would.
      if (reloadAsked === undefined && fs.existsSync(reloadFile)) reloadAsked = Date.now();
      if (reloadAsked !== undefined && Date.now() - reloadAsked > 45_000 && !killed && fs.existsSync(`/proc/${fs.readFileSync(reloadFile, 'utf8')}`)) {
        console.log('[faults] Reload Window did not reload the window within 45 s; reloading the page');
        await page.reload();
        reloadAsked = Infinity;
      }
      if (killed && !reloadedAfterKill) {
        if (fs.existsSync(`/proc/${fs.readFileSync(plan.killMarker, 'utf8')}`)) continue;
        await waitFor(() => fs.existsSync(`${plan.killMarker}.restarted`), 10_000);
        if (!fs.existsSync(`${plan.killMarker}.restarted`)) {
          console.log('[faults] the extension host was killed; reloading the window as the user would');
          exitCode = undefined;
          await page.reload();
        }
        reloadedAfterKill = true;
      }
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}

function readResults(file: string): FaultResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as FaultResults;
  } catch {
    return undefined;
  }
}

/** Prints the table and the two summary lines; returns pass/fail counts (one per fault, one for the soak). */
function report(results: FaultResults | undefined, plan: FaultPlan | undefined, survivors: number): Counts {
  if (!results || !plan) {
    console.log('[faults] the suite wrote no results');
    return { ...ZERO, failures: 1, failed: ['faults: the suite wrote no results'] };
  }
  for (const error of results.errors) console.log(`[faults] phase error: ${error}`);
  const rows = results.rows;
  printTable(rows);
  for (const row of rows.filter((r) => !r.clean)) console.log(`[faults] NOT CLEAN: ${row.fault}: ${row.problems.join('; ') || `lost ${row.lost}`}`);
  const lost = rows.filter((r) => r.lost !== 'none').length;
  const clean = rows.filter((r) => r.clean).length;
  console.log(`\nfaults: ${rows.length} kinds, ${clean} ended clean, ${lost} lost`);
  const leaked = printSoak(results.soak, survivors);
  console.log(`soak: ${results.soak?.cycles ?? 0} cycles, ${leaked} leaked`);
  const soakPassed = !!results.soak && results.soak.cycles >= plan.soakCycles && results.soak.failedCycles.length === 0 && leaked === 0;
  const failed = [
    ...rows.filter((r) => !r.clean).map((r) => failedLine(`fault ${r.fault}`, r.problems.join('; ') || `lost ${r.lost}`)),
    ...(soakPassed ? [] : [`soak: ${results.soak?.failedCycles.length ?? 0} failed cycles, ${leaked} leaked`]),
    ...results.errors.map((e) => failedLine('phase error', e)),
  ];
  return {
    passes: clean + (soakPassed ? 1 : 0),
    failures: rows.length - clean + (soakPassed ? 0 : 1) + results.errors.length,
    pending: 0,
    failed,
  };
}

function printTable(rows: FaultRow[]): void {
  const header: [string, string, string, string] = ['fault', 'what the user saw', 'final state', 'data lost'];
  const cells = rows.map((r): [string, string, string, string] => [`${r.clean ? '✔' : '✘'} ${r.fault}`, r.saw, r.state, r.lost]);
  const widths = header.map((h, i) => Math.min(i === 1 ? 90 : 60, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c: string[]) => c.map((text, i) => (text.length > widths[i] ? `${text.slice(0, widths[i] - 1)}…` : text.padEnd(widths[i]))).join(' | ');
  console.log(`\n${line(header)}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
}

/** The soak's figures, before → after; returns how many things leaked (memory over its limit counts as one). */
function printSoak(soak: SoakFigures | undefined, survivors: number): number {
  if (!soak) {
    console.log('\n[faults] the soak did not run');
    return 1;
  }
  const { before, after } = soak;
  const census = (file?: string): HeapCensus | undefined => {
    try {
      return file ? heapCensus(file) : undefined;
    } catch (err) {
      console.log(`[faults] could not read ${file}: ${String(err)}`);
      return undefined;
    }
  };
  const cb = census(before.heapSnapshot);
  const ca = census(after.heapSnapshot);
  const heapRatio = after.heapUsed / before.heapUsed;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  console.log(`\nsoak: ${soak.cycles} cycles (${soak.p2p} peer-to-peer, ${soak.proxy} proxy) in ${soak.seconds} s, ${soak.failedCycles.length} failed`);
  for (const f of soak.failedCycles.slice(0, 10)) console.log(`  failed cycle ${f}`);
  const figures: [string, number, number][] = [
    ['connectd processes', before.connectd, after.connectd],
    ['listening ports (connectd)', before.listeningPorts, after.listeningPorts],
    ['provisioning files', before.provisioningFiles, after.provisioningFiles],
    ['extension host file descriptors', before.fds, after.fds],
    ['armed timers (extension host heap)', cb?.timers ?? NaN, ca?.timers ?? NaN],
    ['event listeners (extension emitters)', cb?.listeners ?? NaN, ca?.listeners ?? NaN],
  ];
  let leaked = 0;
  for (const [what, b, a] of figures) {
    const grew = Number.isNaN(a - b) ? 1 : Math.max(0, a - b);
    leaked += grew;
    console.log(`  ${what.padEnd(38)} ${String(b).padStart(6)} → ${String(a).padStart(6)}${grew ? `   LEAKED ${Number.isNaN(a - b) ? '(not counted)' : grew}` : ''}`);
  }
  if (cb && cb.emitters === 0) {
    console.log('  no Emitter found in the heap snapshot: listeners could not be counted');
    leaked++;
  }
  console.log(`  ${'connectd left after the window closed'.padEnd(38)} ${String(survivors).padStart(15)}`);
  leaked += survivors;
  console.log(`  ${'heap used after GC'.padEnd(38)} ${mb(before.heapUsed).padStart(6)} → ${mb(after.heapUsed)}  (×${heapRatio.toFixed(2)}, limit ×${MEMORY_RATIO_LIMIT})`);
  console.log(`  ${'resident set size'.padEnd(38)} ${mb(before.rss).padStart(6)} → ${mb(after.rss)}  (×${(after.rss / before.rss).toFixed(2)}, limit ×${MEMORY_RATIO_LIMIT})`);
  for (const [what, ratio] of [['heap used', heapRatio], ['resident set size', after.rss / before.rss]] as const) {
    if (ratio <= MEMORY_RATIO_LIMIT) continue;
    console.log(`  ${what} grew over its limit: counted as a leak`);
    leaked++;
  }
  return leaked;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
}

main().catch((err: unknown) => {
  console.error(`[faults] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
