// The connectd stand-in: accepts connectd 4.6's command lines and provisioning files, signs in at the
// emulator (found only through CONNECTD_STANDIN_API), binds the proxy, forwards TCP to the service's real
// target, prints connectd's lines and exits with its codes. Bundled to out/emulator/connectd.
import { readFileSync } from 'node:fs';
import { STANDIN_ENV } from '../protocol';
import { parseArgv, type ConfigSource } from './argv';
import { ConfigError, fromProvisioning, type InitiatorConfig } from './config';
import { DAEMON_CHILD_ENV, daemonize, readDaemonPayload } from './daemon';
import { runDiagnostics } from './diagnostics';
import { Initiator } from './initiator';
import { exitMessage, line, usage } from './messages';
import { endProcess, Output } from './output';

/** Exit status after the usage text or an unreadable configuration (outside connectd's 001–030 table). */
export const USAGE_EXIT = 255;

const apiUrl = process.env[STANDIN_ENV] || undefined;

/** The configuration, read completely now: the caller may delete the file as soon as we have started. */
function resolveConfig(source: ConfigSource): InitiatorConfig | { failure: string } {
  if ('config' in source) return source.config;
  let text: string;
  try {
    text = 'file' in source ? readFileSync(source.file, 'utf8') : Buffer.from(source.blob.trim(), 'base64').toString('utf8');
  } catch {
    return { failure: line.readConfigFailed };
  }
  try {
    return fromProvisioning(text);
  } catch (err) {
    if (err instanceof ConfigError) return { failure: line.processConfigFailed };
    throw err;
  }
}

async function main(): Promise<void> {
  if (process.env[DAEMON_CHILD_ENV]) {
    delete process.env[DAEMON_CHILD_ENV];
    const payload = await readDaemonPayload();
    await new Initiator(payload.config, new Output(payload), apiUrl).run();
    return;
  }
  const invocation = parseArgv(process.argv.slice(2));
  if (invocation.kind === 'usage') {
    const out = new Output({ status: true, quiet: false });
    out.banner();
    if (invocation.detail) out.line(invocation.detail);
    for (const text of usage(process.argv[1] ?? 'connectd')) out.line(text);
    endProcess(USAGE_EXIT);
    return;
  }
  if (invocation.kind === 'diagnostics') {
    await runDiagnostics(new Output({ status: true, quiet: invocation.quiet }), apiUrl);
    return;
  }
  const out = new Output(invocation);
  const config = resolveConfig(invocation.source);
  if ('failure' in config) {
    out.banner();
    out.line(config.failure);
    endProcess(USAGE_EXIT);
    return;
  }
  if (invocation.daemon) daemonize(out, { config, status: invocation.status, quiet: invocation.quiet }, invocation.daemon.pidFile);
  else await new Initiator(config, out, apiUrl).run();
}

main().catch((err: unknown) => {
  process.stderr.write(`connectd stand-in: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  void new Output({ status: true, quiet: true }).exit(25, exitMessage.unknown, 'Uconn');
});
