// Runs the in-host mocha suite inside code-server's Node extension host: the workbench URL's
// `payload` names the development extension and the tests entry; the workbench reports the end through
// window.codeAutomationExit. A browser is needed because the extension host starts only when a workbench connects.
import * as fs from 'node:fs';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import type { RunningCodeServer } from './codeServer';

export interface SuiteSummary {
  passes: number;
  failures: number;
  pending: number;
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number; error?: string }[];
}

export interface InHostOptions {
  server: RunningCodeServer;
  extensionDevelopmentPath: string;
  /** The suite entry exporting run(), e.g. <repo>/out/test/integration/index.js. */
  extensionTestsPath: string;
  /** Where the suite writes its summary (<fixture.outputDir>/integration-results[-nofolder].json). */
  resultsFile: string;
  timeoutMs: number;
  /** One line of extension-host console output. */
  log?: (line: string) => void;
}

export interface InHostResult {
  /** The code the workbench passed to codeAutomationExit (0 = the suite's run() resolved). */
  exitCode: number;
  /** Undefined when the suite wrote no results file (it crashed before mocha finished). */
  summary?: SuiteSummary;
}

export async function runInHostSuite(options: InHostOptions): Promise<InHostResult> {
  const { server } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  fs.rmSync(options.resultsFile, { force: true });
  const context = await launchBrowser(server.runDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (finish = resolve));
    // Both functions must exist before the workbench script runs, so expose them before goto.
    // The workbench forwards its console and the extension host's (mocha's spec reporter) as format + args.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = Array.isArray(args) && typeof args[0] === 'string' ? format(...(args as [string, ...unknown[]])) : format(args);
      if (isKnownNoise(text)) return;
      for (const line of text.split('\n')) log(`[vscode ${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(Number(code)));
    page.on('pageerror', (err) => log(`[workbench error] ${err.message}`));

    const remote = (p: string) => `vscode-remote://${new URL(server.url).host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(options.extensionTestsPath)],
    ];
    await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }));

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      throw new Error(
        `the in-host suite did not finish within ${Math.round(options.timeoutMs / 1000)} s ` +
          `(the workbench never called codeAutomationExit; see ${server.logFile} and the [vscode …] lines above)`,
      );
    }
    return { exitCode: outcome, summary: readSummary(options.resultsFile) };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Offline complaints of the workbench that say nothing about the extension under test. */
const KNOWN_NOISE = [
  'ENOTFOUND open-vsx.org', // extension gallery lookup
  '[AgentHost] No signed-in session resolved', // VS Code 1.139's chat agent looking for a GitHub session
];

function isKnownNoise(text: string): boolean {
  return KNOWN_NOISE.some((noise) => text.includes(noise));
}

function readSummary(file: string): SuiteSummary | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteSummary;
  } catch {
    return undefined;
  }
}
