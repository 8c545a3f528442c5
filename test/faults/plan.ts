// Contract between the fault-and-soak runner (scripts/test-faults.ts) and the in-host suite: what the runner
// set up for this window (beyond the usual test fixture), and what the suite reports back. The runner writes
// the plan as JSON and passes its path in REMOTEIT_FAULT_PLAN.

export const FAULT_PLAN_ENV = 'REMOTEIT_FAULT_PLAN';

export interface FaultPlan {
  /** The API front the extension talks to (it forwards to the emulator); its control routes start with /__front. */
  frontUrl: string;
  /** code-server's user data folder: the extension's global storage is below it. */
  userDataDir: string;
  /** The user's ssh config (remoteit.ssh.configFile), with the lines the user wrote. */
  userSshConfig: string;
  /** HTTP services on extra devices (every one forwards to the fixture's web target), for faults and the soak. */
  webServices: { id: string; deviceId: string; name: string }[];
  /** Environment entry (NAME=value) only this run's connectd carry, to tell them from other runs'. */
  runMarker: string;
  /** Absolute path of the connectd stand-in. */
  standIn: string;
  soakCycles: number;
  /** Where the suite appends rows, the soak figures and the phase it is in (the window reloads in between). */
  resultsFile: string;
  /** Written just before the suite kills its own extension host: the runner then reloads the window. */
  killMarker: string;
  /** Where heap snapshots go (the runner counts the extension's event listeners in them). */
  heapDir: string;
}

export interface FaultRow {
  fault: string;
  /** What the user was shown (notifications), or what happened without one. */
  saw: string;
  /** The connections afterwards, as the extension shows them, checked against the processes and ports. */
  state: string;
  /** User files and marks changed or gone; "none" when everything is intact. */
  lost: string;
  clean: boolean;
  /** Why it did not end clean. */
  problems: string[];
}

export interface ResourceSample {
  connectd: number;
  listeningPorts: number;
  provisioningFiles: number;
  fds: number;
  heapUsed: number;
  rss: number;
  /** Heap snapshot of the extension host; the runner counts listeners and armed timers in it. */
  heapSnapshot?: string;
}

export interface SoakFigures {
  cycles: number;
  p2p: number;
  proxy: number;
  failedCycles: string[];
  seconds: number;
  before: ResourceSample;
  after: ResourceSample;
}

export type Phase = 'main' | 'after-reload' | 'after-kill' | 'done';

export interface FaultResults {
  phase: Phase;
  rows: FaultRow[];
  soak?: SoakFigures;
  /** Carried across a reload or a crash: what the next phase checks. */
  carry?: Record<string, unknown>;
  /** A phase that could not run its checks. */
  errors: string[];
}
