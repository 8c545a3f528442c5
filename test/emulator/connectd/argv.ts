// connectd's command line: switches first, then `-p …` / `-c …` (which must be last and take the rest).
import { ConfigError, fromAuthHashArgs, fromPasswordArgs, type InitiatorConfig } from './config';

export type ConfigSource = { file: string } | { blob: string } | { config: InitiatorConfig };

export type Invocation =
  /** Print the usage (after `detail`, when connectd has a specific complaint) and exit 1; `-h` asks for it. */
  | { kind: 'usage'; detail?: string }
  /** No arguments at all: connectd reads ./connectd.conf from its working directory. */
  | { kind: 'noArguments' }
  | { kind: 'diagnostics'; quiet: boolean }
  | { kind: 'initiator'; status: boolean; quiet: boolean; daemon?: { pidFile?: string }; server?: string; source: ConfigSource };

export function parseArgv(argv: readonly string[]): Invocation {
  if (argv.length === 0) return { kind: 'noArguments' };
  let status = false;
  let server: string | undefined;
  let quiet = false;
  let diagnostics = false;
  let daemon: { pidFile?: string } | undefined;
  const sources: ConfigSource[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      const value = () => {
        const next = argv[++i];
        if (next === undefined) throw new ConfigError();
        return next;
      };
      switch (arg) {
        case '-s':
          status = true;
          break;
        case '-q':
          quiet = true;
          break;
        case '-i':
          break;
        case '-h':
          return { kind: 'usage' };
        case '-y':
          server = value();
          break;
        case '-n':
          diagnostics = true;
          break;
        case '-f':
          sources.push({ file: value() });
          break;
        case '-e':
          sources.push({ blob: value() });
          break;
        case '-d':
          daemon = argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? { pidFile: argv[++i] } : {};
          break;
        case '-p':
          sources.push({ config: fromAuthHashArgs(argv.slice(i + 1)) });
          i = argv.length;
          break;
        case '-c':
          sources.push({ config: fromPasswordArgs(argv.slice(i + 1)) });
          i = argv.length;
          break;
        default:
          return { kind: 'usage' };
      }
    }
  } catch (err) {
    if (err instanceof ConfigError) return { kind: 'usage', ...(err.detail ? { detail: err.detail } : {}) };
    throw err;
  }
  if (diagnostics) return { kind: 'diagnostics', quiet };
  if (sources.length !== 1) return { kind: 'usage' };
  return { kind: 'initiator', status, quiet, ...(daemon ? { daemon } : {}), ...(server ? { server } : {}), source: sources[0] };
}
