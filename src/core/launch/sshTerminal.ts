// How the ssh fallback runs in a terminal so that a failure can be read: a terminal whose process is ssh itself
// closes the moment ssh exits, taking "Permission denied" with it. ssh runs under a shell that, when ssh fails,
// says so and waits for Enter. The arguments are passed as the shell's positional parameters, never spliced
// into the script, so nothing in them is interpreted.

export interface TerminalCommand {
  shellPath: string;
  shellArgs: string[];
}

/** Written so a reader sees the outcome: ssh's own message stays above it. */
const POSIX_SCRIPT =
  'ssh "$@"; code=$?; if [ "$code" -ne 0 ]; then printf \'\\r\\n%s\\r\\n\' "ssh ended with exit code $code. Press Enter to close this terminal."; read -r _; fi; exit "$code"';

/** cmd.exe reads these in its /k line whatever the quoting: an argument holding one is refused. */
const CMD_SPECIAL = /["&|<>^%!()\r\n]/;

/** The terminal for `ssh <args>`; undefined on Windows when an argument cannot be passed to cmd.exe safely. */
export function sshTerminalCommand(platform: NodeJS.Platform, sshArgs: readonly string[]): TerminalCommand | undefined {
  if (platform === 'win32') {
    if (sshArgs.some((a) => CMD_SPECIAL.test(a))) return undefined;
    // /k keeps cmd.exe, and so the terminal, open after ssh ends; arguments with spaces are quoted for it.
    return { shellPath: 'cmd.exe', shellArgs: ['/d', '/k', 'ssh', ...sshArgs.map((a) => (/\s/.test(a) ? `"${a}"` : a))] };
  }
  return { shellPath: '/bin/sh', shellArgs: ['-c', POSIX_SCRIPT, 'ssh', ...sshArgs] };
}
