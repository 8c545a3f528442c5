// What a run needs from the machine (Debian packages and sshd's runtime folder) and what to do about what is
// missing: install it when we may, or say the one command that would. Pure, so every answer is unit-tested.

/** A part of a run with system needs: building a VS Code host into .hosts/, the test world's sshd, the browser. */
export type Need = 'hostBuild' | 'sshd' | 'browser';

export interface Requirement {
  need: Need;
  /** What shows it is there: a file or folder, or a command on PATH. */
  look: { path: string } | { command: string };
  /** How it gets there: a Debian package, or a folder root creates. */
  provide: { aptPackage: string } | { folder: string };
  why: string;
}

/** What the machine has, as probed by the caller. */
export interface SystemState {
  has(look: Requirement['look']): boolean;
  root: boolean;
  aptGet: boolean;
}

export type SetupPlan =
  | { kind: 'ready' }
  /** Root with apt-get: `apt-get update` once, `apt-get install -y <packages>` when any, then create the folders. */
  | { kind: 'install'; packages: string[]; folders: string[]; missing: string; announcement: string }
  /** Nothing this run may do itself: the message says what is missing and what to run. */
  | { kind: 'blocked'; missing: string; message: string };

const NATIVE_BUILD = "node-gyp's build of code-server's native modules, when a VS Code host is first installed into .hosts/";

export function requirements(chromium: string): Requirement[] {
  return [
    {
      need: 'hostBuild',
      look: { path: '/usr/include/gssapi/gssapi.h' },
      provide: { aptPackage: 'libkrb5-dev' },
      why: "gssapi headers for code-server's kerberos module, built when a VS Code host is first installed into .hosts/",
    },
    { need: 'hostBuild', look: { command: 'python3' }, provide: { aptPackage: 'python3' }, why: NATIVE_BUILD },
    { need: 'hostBuild', look: { command: 'make' }, provide: { aptPackage: 'make' }, why: NATIVE_BUILD },
    { need: 'hostBuild', look: { command: 'g++' }, provide: { aptPackage: 'g++' }, why: NATIVE_BUILD },
    { need: 'sshd', look: { path: '/usr/sbin/sshd' }, provide: { aptPackage: 'openssh-server' }, why: 'the real SSH server behind the SSH service of the demo and the tests' },
    { need: 'sshd', look: { command: 'ssh-keygen' }, provide: { aptPackage: 'openssh-client' }, why: 'ssh-keygen, for the keys of that server and its client' },
    { need: 'sshd', look: { command: 'ssh' }, provide: { aptPackage: 'openssh-client' }, why: 'the ssh client the tests log in with' },
    {
      need: 'sshd',
      look: { path: '/run/sshd' },
      provide: { folder: '/run/sshd' },
      why: "sshd's privilege separation folder, which only systemd creates otherwise",
    },
    { need: 'browser', look: { path: chromium }, provide: { aptPackage: 'chromium' }, why: 'the browser playwright-core drives (never a downloaded one)' },
  ];
}

export function planSystemSetup(needs: readonly Need[], system: SystemState, chromium: string): SetupPlan {
  const missing = requirements(chromium).filter((r) => needs.includes(r.need) && !system.has(r.look));
  if (missing.length === 0) return { kind: 'ready' };
  const packages = unique(missing.flatMap((r) => ('aptPackage' in r.provide ? [r.provide.aptPackage] : [])));
  const folders = unique(missing.flatMap((r) => ('folder' in r.provide ? [r.provide.folder] : [])));
  const list = describe(missing);
  if (system.root && (packages.length === 0 || system.aptGet)) {
    const how = packages.length > 0 ? 'installing with apt-get' : 'creating';
    return { kind: 'install', packages, folders, missing: list, announcement: `[setup] this run needs what the machine lacks; ${how} (first run only):\n${list}` };
  }
  const header = `[setup] this run needs what the machine lacks:\n${list}\n`;
  if (packages.length > 0 && !system.aptGet) {
    return {
      kind: 'blocked',
      missing: list,
      message: `${header}apt-get is not available here: install the equivalents of these Debian packages${folders.length > 0 ? ' and create the folders' : ''}, then run again.`,
    };
  }
  const commands = [
    ...(packages.length > 0 ? [`sudo apt-get install -y ${packages.join(' ')}`] : []),
    ...(folders.length > 0 ? [`sudo mkdir -p -m 0755 ${folders.join(' ')}`] : []),
  ];
  return { kind: 'blocked', missing: list, message: `${header}Run this once, then run again:\n  ${commands.join(' && ')}` };
}

/** One line per package or folder, with every reason it is needed. */
function describe(missing: Requirement[]): string {
  const reasons = new Map<string, string[]>();
  for (const r of missing) {
    const name = 'aptPackage' in r.provide ? r.provide.aptPackage : `${r.provide.folder} (folder)`;
    reasons.set(name, unique([...(reasons.get(name) ?? []), r.why]));
  }
  const width = Math.max(...[...reasons.keys()].map((name) => name.length));
  return [...reasons].map(([name, why]) => `  ${name.padEnd(width)}  ${why.join('; ')}`).join('\n');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
