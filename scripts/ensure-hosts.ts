// Installs the pinned code-server hosts into .hosts/ ahead of a test run: `--host newest|oldest` or both.
import { ensureHost, parseHostName, type HostName } from './lib/hosts';
import { optionValue } from './lib/args';
import { ensureSystemReady } from './lib/systemSetup';

async function main(): Promise<void> {
  const picked = optionValue('--host');
  const names: HostName[] = picked ? [parseHostName(picked)] : ['oldest', 'newest'];
  await ensureSystemReady({ hosts: names });
  for (const name of names) {
    const host = await ensureHost(name);
    console.log(`[hosts] ${name}: code-server ${host.version} (VS Code ${host.vscodeVersion}) at ${host.codeServerBin}`);
  }
}

main().catch((err: unknown) => {
  console.error(`[hosts] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
