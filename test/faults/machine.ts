// What is really there, read from the machine rather than from the extension: this run's connectd processes
// (stand-ins and the suite's wrappers, told apart from other runs by an environment entry), the ports they
// listen on, the provisioning and pid files in the extension's storage, and the extension host's own
// descriptors, memory and heap snapshots.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { FaultPlan, ResourceSample } from './plan';
import { probeTcp } from '../../src/core/connections/tcpProbe';

export const EXTENSION_ID = 'remoteit-community.remoteit-connect';

export class Machine {
  constructor(
    private readonly plan: FaultPlan,
    /** Folder of the suite's connectd wrappers: their processes count as connectd too. */
    private readonly wrapperDir: string,
  ) {}

  /**
   * Pids of this run's connectd processes (zombies, with an empty cmdline, do not count). A stand-in started by
   * one of the suite's wrappers is that wrapper's child: the wrapper is the process the extension started.
   */
  connectdPids(): number[] {
    const ours = this.connectdProcesses();
    return ours.filter((pid) => !ours.includes(parentOf(pid)));
  }

  /** TCP ports this run's connectd processes (wrapped ones included) listen on. */
  connectdPorts(): number[] {
    const inodes = new Set<string>();
    for (const pid of this.connectdProcesses()) {
      for (const fd of list(`/proc/${pid}/fd`)) {
        const link = readLink(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m) inodes.add(m[1]);
      }
    }
    return listeningSockets().filter((s) => inodes.has(s.inode)).map((s) => s.port);
  }

  private connectdProcesses(): number[] {
    return pids().filter((pid) => {
      if (pid === process.pid) return false;
      const argv = read(`/proc/${pid}/cmdline`).split('\0');
      if (!argv.some((a) => a.includes(this.plan.standIn) || a.startsWith(this.wrapperDir))) return false;
      return read(`/proc/${pid}/environ`).split('\0').includes(this.plan.runMarker);
    });
  }

  /** The extension's global storage folder (created by the extension when it first writes there). */
  storageDir(): string | undefined {
    const direct = path.join(this.plan.userDataDir, 'User', 'globalStorage', EXTENSION_ID);
    if (fs.existsSync(direct)) return direct;
    return findDir(this.plan.userDataDir, EXTENSION_ID, 6);
  }

  provisioningFiles(): string[] {
    const dir = this.storageDir();
    return dir ? list(path.join(dir, 'provisioning')).map((f) => path.join(dir, 'provisioning', f)) : [];
  }

  pidFiles(): string[] {
    const dir = this.storageDir();
    return dir ? list(path.join(dir, 'pids')).map((f) => path.join(dir, 'pids', f)) : [];
  }

  /** Descriptors open in this extension host. */
  fds(): number {
    return list('/proc/self/fd').length;
  }

  /** Full garbage collection, then the heap in use and the resident size. */
  async memory(): Promise<{ heapUsed: number; rss: number }> {
    await collectGarbage();
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, rss: m.rss };
  }

  /** A heap snapshot of this extension host, for the runner to count listeners in. */
  heapSnapshot(name: string): string {
    return v8.writeHeapSnapshot(path.join(this.plan.heapDir, `${name}.heapsnapshot`));
  }

  /** Everything the soak compares but listeners and timers (counted in the heap snapshots). */
  async sample(): Promise<ResourceSample> {
    // The descriptor count moves with VS Code's own work: the smallest of a few readings is the baseline.
    let fds = Infinity;
    for (let i = 0; i < 5; i++) {
      fds = Math.min(fds, this.fds());
      await new Promise((r) => setTimeout(r, 200));
    }
    const memory = await this.memory();
    return {
      connectd: this.connectdPids().length,
      listeningPorts: this.connectdPorts().length,
      provisioningFiles: this.provisioningFiles().length,
      fds,
      ...memory,
    };
  }
}

/** True when something accepts a TCP connection on 127.0.0.1:port. */
export function accepts(port: number, timeoutMs = 2000): Promise<boolean> {
  return probeTcp('127.0.0.1', port, timeoutMs);
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its parent) is gone for every purpose here.
  return !/\) Z /.test(read(`/proc/${pid}/stat`));
}

function parentOf(pid: number): number {
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
  const stat = read(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function collectGarbage(): Promise<void> {
  const session = new inspector.Session();
  session.connect();
  return new Promise<void>((resolve) => session.post('HeapProfiler.collectGarbage', () => resolve())).finally(() => session.disconnect());
}

function listeningSockets(): { port: number; inode: string }[] {
  const out: { port: number; inode: string }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of read(file).split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue;
      out.push({ port: parseInt(cols[1].split(':').pop() ?? '0', 16), inode: cols[9] });
    }
  }
  return out;
}

function pids(): number[] {
  return list('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function readLink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return '';
  }
}

function findDir(root: string, name: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  for (const entry of list(root)) {
    const full = path.join(root, entry);
    let isDir = false;
    try {
      isDir = fs.statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (!isDir) continue;
    if (entry === name && path.basename(root) === 'globalStorage') return full;
    const found = findDir(full, name, depth - 1);
    if (found) return found;
  }
  return undefined;
}
