// Integration layer: the in-host mocha suite (test/integration) inside each pinned VS Code host, like a version
// matrix, against the emulator, the connectd stand-in, a real HTTP target and a real sshd.
//   node --import tsx scripts/test-integration.ts [--host newest|oldest] [--grep <pattern>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFixtures } from '../test/support/fixtures';
import { optionValue } from './lib/args';
import { buildExtension } from './lib/build';
import { startCodeServer } from './lib/codeServer';
import { ensureHost, parseHostName, type HostName } from './lib/hosts';
import { runInHostSuite } from './lib/inHost';
import { repoRoot, testOutputDir } from './lib/paths';
import { addCounts, emitResult, formatCounts, layerPassed, ZERO, type Counts } from './lib/report';
import { newRunDir } from './lib/runDir';

const SUITE_TIMEOUT_MS = Number(process.env.REMOTEIT_SUITE_TIMEOUT_MS ?? 15 * 60_000);

async function runOnHost(name: HostName): Promise<Counts> {
  const host = await ensureHost(name);
  const runDir = newRunDir(`integration-${name}`);
  console.log(`\n[integration] ${name} host: code-server ${host.version} (VS Code ${host.vscodeVersion}), run dir ${path.relative(repoRoot, runDir)}`);
  const fixtures = await startFixtures({ runDir });
  try {
    const workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    const server = await startCodeServer({ host, runDir, workspace, settings: fixtures.settings, env: fixtures.env });
    try {
      const result = await runInHostSuite({
        server,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
        resultsFile: path.join(fixtures.fixture.outputDir, 'integration-results.json'),
        timeoutMs: SUITE_TIMEOUT_MS,
      });
      if (!result.summary) {
        console.log(`[integration] ${name}: the suite wrote no results (exit code ${result.exitCode}); see the ext-host lines above`);
        return { ...ZERO, failures: 1 };
      }
      const { summary } = result;
      for (const t of summary.tests.filter((t) => t.state === 'failed')) console.log(`[integration] ${name} FAILED: ${t.title}\n  ${t.error ?? ''}`);
      console.log(`[integration] ${name} host (VS Code ${host.vscodeVersion}): ${formatCounts(summary)}`);
      // A suite that resolved run() with failing counts, or rejected with none, is inconsistent: count it failed.
      const failures = summary.failures + (result.exitCode !== 0 && summary.failures === 0 ? 1 : 0);
      return { passes: summary.passes, failures, pending: summary.pending };
    } finally {
      await server.close();
    }
  } finally {
    await fixtures.close();
  }
}

async function main(): Promise<void> {
  const picked = optionValue('--host');
  const hosts: HostName[] = picked ? [parseHostName(picked)] : ['newest', 'oldest'];
  const grep = optionValue('--grep');
  if (grep) process.env.REMOTEIT_TEST_GREP = grep; // inherited by code-server and its extension host
  fs.mkdirSync(testOutputDir, { recursive: true });
  await buildExtension(path.join(testOutputDir, 'build.log'), { tests: true });

  let total = ZERO;
  const perHost: string[] = [];
  for (const name of hosts) {
    let counts: Counts;
    try {
      counts = await runOnHost(name);
    } catch (err) {
      console.error(`[integration] ${name} host could not run the suite: ${err instanceof Error ? err.message : String(err)}`);
      counts = { ...ZERO, failures: 1 };
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
