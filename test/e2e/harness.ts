// A small e2e harness: one file = one scenario of ordered steps against one world (fixtures + code-server with the
// extension installed + chromium). A failed step takes a screenshot and the later steps are reported as not run.
// Run a file directly (`node --import tsx test/e2e/<name>.e2e.ts`) or through scripts/test-e2e.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestFixture } from '../fixture';
import { STANDIN_ENV } from '../emulator';
import { startFixtures } from '../support/fixtures';
import { checkNoConnectdSurvives } from '../../scripts/lib/connectdSurvivors';
import { launchBrowser } from '../../scripts/lib/browser';
import { buildExtension, packageVsix } from '../../scripts/lib/build';
import { startCodeServer, type RunningCodeServer } from '../../scripts/lib/codeServer';
import { movePointerAway } from './workbench';
import { ensureHost, parseHostName } from '../../scripts/lib/hosts';
import { testOutputDir } from '../../scripts/lib/paths';
import { newRunDir } from '../../scripts/lib/runDir';

/** Set by scripts/test-e2e.ts: which host, and the .vsix it already built. */
export const E2E_HOST_ENV = 'REMOTEIT_E2E_HOST';
export const E2E_VSIX_ENV = 'REMOTEIT_E2E_VSIX';
export const e2eOutputDir = path.join(testOutputDir, 'e2e');

/** The world a scenario runs against: what the extension is pointed at, and how to stop it. */
export interface E2eWorld<F> {
  fixture: F;
  /** User settings for code-server (remoteit.apiUrl, remoteit.connectd.path, …). */
  settings: Record<string, unknown>;
  /** Environment for code-server and its extension host. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface ScenarioOptions<F> {
  /** Starts the scenario's world in its run dir; default: test/support/fixtures.ts (the demo world, sshd, HTTP target). */
  world?: (runDir: string) => Promise<E2eWorld<F>>;
  /** User settings on top of the world's, e.g. a terminal renderer whose text the DOM shows. */
  settings?: Record<string, unknown>;
  /** Unpacked extension folders installed beside this one, e.g. a test double of another extension. */
  extensions?: string[];
}

export interface E2eContext<F = TestFixture> {
  page: Page;
  browser: BrowserContext;
  fixture: F;
  server: RunningCodeServer;
  /** Saves test-output/e2e/<suite>/<NN>-<name>.png of the workbench (or `page`); `readme` marks it for media/screenshots/ (copied there only with REMOTEIT_UPDATE_SCREENSHOTS=1). */
  screenshot(name: string, options?: { readme?: boolean; page?: Page }): Promise<string>;
  log(message: string): void;
}

export interface StepResult {
  title: string;
  state: 'passed' | 'failed' | 'not run';
  durationMs?: number;
  error?: string;
}

export interface E2eResults {
  suite: string;
  host: string;
  passes: number;
  failures: number;
  notRun: number;
  steps: StepResult[];
  /** Screenshots the suite chose for the README. */
  readmeScreenshots: string[];
}

type Step<F> = { title: string; fn: (ctx: E2eContext<F>) => Promise<void> };
type DefineSteps<F> = (step: (title: string, fn: (ctx: E2eContext<F>) => Promise<void>) => void) => void;

export function resultsFile(suite: string): string {
  return path.join(e2eOutputDir, `${suite}.results.json`);
}

/** Declares and runs a scenario; sets the process exit code from its outcome. */
export function e2eScenario(suite: string, define: DefineSteps<TestFixture>, options?: ScenarioOptions<TestFixture>): void;
export function e2eScenario<F>(suite: string, define: DefineSteps<F>, options: ScenarioOptions<F> & { world: (runDir: string) => Promise<E2eWorld<F>> }): void;
export function e2eScenario<F>(suite: string, define: DefineSteps<F>, options: ScenarioOptions<F> = {}): void {
  const steps: Step<F>[] = [];
  define((title, fn) => steps.push({ title, fn }));
  // Without a world of its own the scenario is typed for the default one (the overloads above).
  const startWorld = options.world ?? ((runDir: string) => startFixtures({ runDir }) as unknown as Promise<E2eWorld<F>>);
  runScenario(suite, steps, startWorld, options.settings ?? {}, options.extensions ?? []).then(
    (results) => {
      if (results.failures > 0 || results.passes === 0) process.exitCode = 1;
    },
    (err: unknown) => {
      console.error(`[e2e ${suite}] could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      writeResults({ suite, host: '?', passes: 0, failures: 1, notRun: steps.length, steps: [], readmeScreenshots: [] });
      process.exitCode = 1;
    },
  );
}

async function runScenario<F>(
  suite: string,
  steps: Step<F>[],
  startWorld: (runDir: string) => Promise<E2eWorld<F>>,
  extraSettings: Record<string, unknown>,
  extraExtensions: string[],
): Promise<E2eResults> {
  const hostName = parseHostName(process.env[E2E_HOST_ENV] ?? 'oldest');
  const host = await ensureHost(hostName);
  const vsix = process.env[E2E_VSIX_ENV] ?? (await buildOwnVsix());
  const shotsDir = path.join(e2eOutputDir, suite);
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  const runDir = newRunDir(`e2e-${suite}`);
  const log = (message: string) => console.log(`[e2e ${suite}] ${message}`);
  log(`code-server ${host.version} (VS Code ${host.vscodeVersion}), run dir ${runDir}`);

  const results: E2eResults = { suite, host: hostName, passes: 0, failures: 0, notRun: 0, steps: [], readmeScreenshots: [] };
  const world = await startWorld(runDir);
  try {
    const workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    const settings = { ...world.settings, ...extraSettings };
    const server = await startCodeServer({ host, runDir, workspace, settings, env: world.env, extension: { vsix }, extraExtensions });
    try {
      const browser = await launchBrowser(runDir);
      try {
        const page = browser.pages()[0] ?? (await browser.newPage());
        let shotNumber = 0;
        const ctx: E2eContext<F> = {
          page,
          browser,
          fixture: world.fixture,
          server,
          log,
          async screenshot(name, options) {
            const file = path.join(shotsDir, `${String(++shotNumber).padStart(2, '0')}-${name}.png`);
            const shown = options?.page ?? page;
            // A README picture shows the view, not a tooltip the pointer happened to leave open over it.
            if (options?.readme) await withoutHover(shown);
            await shown.screenshot({ path: file });
            if (options?.readme) results.readmeScreenshots.push(file);
            return file;
          },
        };
        await runSteps(steps, ctx, results, shotsDir);
        await closeWindows(browser, world, results, log);
      } finally {
        await browser.close().catch(() => undefined);
      }
    } finally {
      await server.close();
    }
  } finally {
    await world.close();
  }
  log(`${results.passes} passed, ${results.failures} failed, ${results.notRun} not run`);
  writeResults(results);
  return results;
}

/** Moves the pointer to an empty corner of the editor area and waits for any hover it had opened to close. */
async function withoutHover(page: Page): Promise<void> {
  await movePointerAway(page);
  await page.locator('.monaco-hover, .workbench-hover-container').filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

async function runSteps<F>(steps: Step<F>[], ctx: E2eContext<F>, results: E2eResults, shotsDir: string): Promise<void> {
  let failed = false;
  for (const step of steps) {
    if (failed) {
      results.steps.push({ title: step.title, state: 'not run' });
      results.notRun++;
      ctx.log(`- ${step.title} (not run)`);
      continue;
    }
    const started = Date.now();
    try {
      await step.fn(ctx);
      const durationMs = Date.now() - started;
      results.steps.push({ title: step.title, state: 'passed', durationMs });
      results.passes++;
      ctx.log(`✔ ${step.title} (${(durationMs / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed = true;
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      results.steps.push({ title: step.title, state: 'failed', durationMs: Date.now() - started, error });
      results.failures++;
      ctx.log(`✖ ${step.title}\n${error}`);
      // Every window the scenario opened (the first keeps the plain name).
      for (const [index, page] of ctx.browser.pages().entries()) {
        const name = `failed-${slug(step.title)}${index === 0 ? '' : `-window-${index + 1}`}.png`;
        await page.screenshot({ path: path.join(shotsDir, name) }).catch(() => undefined);
      }
    }
  }
}

/**
 * Closes every window as a user closing its tab does (the workbench shuts down and the extension host deactivates),
 * then checks that no connectd they started survives; survivors are killed and the check fails. Without this, a
 * journey that ends connected would leave connectd running after code-server is stopped (it has its own
 * process group).
 */
async function closeWindows<F>(browser: BrowserContext, world: E2eWorld<F>, results: E2eResults, log: (message: string) => void): Promise<void> {
  await Promise.all(browser.pages().map((page) => page.goto('about:blank').catch(() => undefined)));
  const standIn = world.settings['remoteit.connectd.path'];
  const apiUrl = world.env[STANDIN_ENV];
  if (typeof standIn !== 'string' || !apiUrl) return;
  const title = 'closing the windows stops every connectd they started';
  const check = await checkNoConnectdSurvives({ standIn, envEntry: `${STANDIN_ENV}=${apiUrl}` });
  if (check.passed) {
    results.steps.push({ title, state: 'passed', durationMs: check.waitedMs });
    results.passes++;
    log(`✔ ${title} (${(check.waitedMs / 1000).toFixed(1)} s)`);
  } else {
    const error = `connectd pid ${check.survivors.join(', ')} still ran ${(check.waitedMs / 1000).toFixed(1)} s after the window closed (killed now)`;
    results.steps.push({ title, state: 'failed', durationMs: check.waitedMs, error });
    results.failures++;
    log(`✖ ${title}\n${error}`);
  }
}

async function buildOwnVsix(): Promise<string> {
  const log = path.join(e2eOutputDir, 'build.log');
  await buildExtension(log, { tests: true });
  return packageVsix(path.join(e2eOutputDir, 'remoteit-connect.vsix'), log);
}

function writeResults(results: E2eResults): void {
  fs.mkdirSync(e2eOutputDir, { recursive: true });
  fs.writeFileSync(resultsFile(results.suite), JSON.stringify(results, null, 2));
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
