// The connectd stand-in: accepts connectd 4.6's command lines and provisioning files, signs in at the
// emulator (found only through CONNECTD_STANDIN_API), binds the proxy, forwards TCP to the service's real
// target, prints connectd's lines and exits with its codes. Bundled to out/emulator/connectd.
import { readFileSync } from 'node:fs';
import { STANDIN_ENV } from '../protocol';
import { parseArgv, type ConfigSource } from './argv';
import { ConfigError, fromProvisioning, type InitiatorConfig } from './config';
import { DAEMON_CHILD_ENV, daemonize, readDaemonPayload } from './daemon';
import { runDiagnostics } from './diagnostics';
import { Initiator, type ConfigFile } from './initiator';
import { exitMessage, line, setupLines, usage } from './messages';
import { endProcess, Output } from './output';

/** Exit status after the usage text or an unreadable configuration, as the real 4.6 exits. */
export const USAGE_EXIT = 1;

/** The file connectd reads from its working directory when it gets no arguments at all. */
const DEFAULT_CONFIG = 'connectd.conf';

const apiUrl = process.env[STANDIN_ENV] || undefined;

/** The configuration, read completely now: the caller may delete the file as soon as we have started. */
function resolveConfig(source: ConfigSource): InitiatorConfig | undefined {
  if ('config' in source) return source.config;
  try {
    const text = 'file' in source ? readFileSync(source.file, 'utf8') : Buffer.from(source.blob.trim(), 'base64').toString('utf8');
    return fromProvisioning(text);
  } catch (err) {
    if (err instanceof ConfigError || (err as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw err;
  }
}

/**
 * What the real binary prints when it cannot use its configuration, then exit 1. A file given with `-f` is
 * named before the set-up lines too; ./connectd.conf only after them.
 */
function configFailure(out: Output, file: ConfigFile | undefined): void {
  out.banner();
  if (file?.fromArgument) out.line(line.configFile(file.name));
  for (const text of setupLines('0.0.0.0')) out.line(text);
  if (file) out.line(line.configFile(file.name));
  out.line(line.readConfigFailed);
  out.line(line.staticPoolFree);
  endProcess(USAGE_EXIT);
}

async function main(): Promise<void> {
  if (process.env[DAEMON_CHILD_ENV]) {
    delete process.env[DAEMON_CHILD_ENV];
    const payload = await readDaemonPayload();
    await new Initiator({ config: payload.config, out: new Output(payload), apiUrl }).run();
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
  if (invocation.kind === 'noArguments') {
    // The real 4.6 reads ./connectd.conf and, when there is a usable one, runs it (no usage text).
    const config = resolveConfig({ file: DEFAULT_CONFIG });
    const out = new Output({ status: false, quiet: false });
    const configFile: ConfigFile = { name: DEFAULT_CONFIG, fromArgument: false };
    if (!config) return configFailure(out, configFile);
    await new Initiator({ config, out, apiUrl, configFile }).run();
    return;
  }
  const out = new Output(invocation);
  const configFile: ConfigFile | undefined = 'file' in invocation.source ? { name: invocation.source.file, fromArgument: true } : undefined;
  const config = resolveConfig(invocation.source);
  if (!config) return configFailure(out, configFile);
  if (invocation.daemon) daemonize(out, { config, status: invocation.status, quiet: invocation.quiet }, invocation.daemon.pidFile);
  else await new Initiator({ config, out, apiUrl, ...(invocation.server ? { server: invocation.server } : {}), ...(configFile ? { configFile } : {}) }).run();
}

main().catch((err: unknown) => {
  process.stderr.write(`connectd stand-in: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  void new Output({ status: true, quiet: true }).exit(25, exitMessage.unknown);
});
