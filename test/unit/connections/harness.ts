// A ConnectionManager wired to fakes, plus the connectd output of a normal start.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ENGINE_SETTINGS, type CloudProxyApi, type EngineSettings } from '../../../src/core/connections/deps';
import { ConnectionManager, type OutputLine } from '../../../src/core/connections/manager';
import type { ConnectionRequest, ConnectionSnapshot, ConnectionState, Credentials } from '../../../src/core/connections/types';
import { FakeClock, FakeProcess, FakeProcessTable, FakeSpawner, MemoryStore, RecordingLogger, until } from './fakes';

export const AUTH_HASH = 'E1F1772EA75D04755B8BBD236C470550E7A9FB33';
export const USER = 'dev@example.com';
export const CONNECTD = '/opt/remoteit/connectd';

export const HTTP: ConnectionRequest = { serviceId: '80:00:00:00:01:00:0A:C2', name: 'pi – web', application: 7 };
export const SSH: ConnectionRequest = { serviceId: '80:00:00:00:01:00:0A:C3', name: 'pi – ssh', application: 28 };

/** The banner and status lines connectd 4.6 prints for `-s -f` before its proxy is up (no `proxy local port`
 * or `User … connecting to` lines in that form), then a peer session. */
export function startupLines(): string[] {
  return [
    'Connectd built Apr 19 2019 at 16:45:21 Now Starting Up',
    '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved',
    '   Built with NATPMP BCASTER MALLOC_POOL LINUX RESOLVE BIGBUF BACKTRACE pool=524288',
    '   x86_64 Version',
    'config file /private/provisioning.conf',
    'Config Data is not encrypted',
    '!!status - pid=4242',
    'Command Processor now active.',
    '!!status 1 seconds since startup',
    '!!throughput txBps=0 rxBps=0 pl=100000',
    '!!status - bound to UDP port 51670',
    `30123> req auth remote.it id ${USER}`,
    '!!status - server connection changed to state 5  - time 1  <00001>',
    '!!status - Connected to server is 10.0.0.1:5959',
    `!!connected local=0 encryption=2 session=${'AB'.repeat(20)} ip=10.0.0.2:40801 at time 2  <00001>`,
  ];
}

export const proxyLines = (port: number): string[] => [`Starting Proxy on port ${port} on index 1.`, 'Proxy started.'];

export class Harness {
  readonly clock = new FakeClock();
  readonly spawner = new FakeSpawner();
  readonly store = new MemoryStore();
  readonly logger = new RecordingLogger();
  readonly processes = new FakeProcessTable();
  /** Ports something else listens on. */
  readonly busy = new Set<number>();
  /** Ports that accept a TCP connection (the fake proxy listeners). */
  readonly listening = new Set<number>();
  readonly probes: number[] = [];
  readonly events: ConnectionSnapshot[] = [];
  readonly output: OutputLine[] = [];
  settings: EngineSettings = { ...DEFAULT_ENGINE_SETTINGS };
  credentials: Credentials | undefined = { user: USER, authHash: AUTH_HASH };
  connectd: string | Error = CONNECTD;
  /** The remote.it API's cloud-proxy calls, when a test uses them. */
  cloudProxy: CloudProxyApi | undefined;
  manager!: ConnectionManager;

  private constructor(readonly storageDir: string) {}

  static async create(): Promise<Harness> {
    const h = new Harness(await fs.mkdtemp(path.join(os.tmpdir(), 'rit-engine-')));
    h.manager = h.newManager();
    return h;
  }

  /** A second manager on the same storage and store: the next VS Code window. */
  newManager(hostPid?: number): ConnectionManager {
    const manager = new ConnectionManager({
      hostPid,
      spawner: this.spawner,
      clock: this.clock,
      credentials: async () => this.credentials,
      connectdPath: async () => {
        if (this.connectd instanceof Error) throw this.connectd;
        return this.connectd;
      },
      settings: () => this.settings,
      storageDir: this.storageDir,
      store: this.store,
      probe: async (host, port) => {
        this.probes.push(port);
        return host === '127.0.0.1' && this.listening.has(port);
      },
      isPortFree: async (_bind, port) => !this.busy.has(port),
      processes: this.processes,
      cloudProxy: this.cloudProxy,
      logger: this.logger,
    });
    manager.onDidChange((s) => this.events.push(s));
    manager.onOutput((o) => this.output.push(o));
    return manager;
  }

  async dispose(): Promise<void> {
    await this.manager.dispose();
    await fs.rm(this.storageDir, { recursive: true, force: true });
  }

  /** The distinct states a connection went through, in order. */
  states(id: string): ConnectionState[] {
    const states: ConnectionState[] = [];
    for (const e of this.events) if (e.id === id && states[states.length - 1] !== e.state) states.push(e.state);
    return states;
  }

  state(id: string): ConnectionState | undefined {
    return this.manager.get(id)?.state;
  }

  async waitForState(id: string, state: ConnectionState): Promise<ConnectionSnapshot> {
    await until(() => this.state(id) === state, `${id} ${state} (now ${this.state(id)})`);
    return this.manager.get(id)!;
  }

  /** Plays connectd's normal startup on a process and makes its port answer. */
  async bringUp(child: FakeProcess, id: string): Promise<ConnectionSnapshot> {
    await until(() => this.manager.get(id)?.pid === child.pid, `process ${child.pid} attached to ${id}`);
    const port = this.manager.get(id)!.port!;
    this.listening.add(port);
    child.lines(...startupLines(), ...proxyLines(port));
    return this.waitForState(id, 'ready');
  }

  /** start() + a normal startup: the connection is ready. */
  async connect(request: ConnectionRequest): Promise<{ child: FakeProcess; snapshot: ConnectionSnapshot }> {
    const count = this.spawner.processes.length;
    await this.manager.start(request);
    const child = await this.spawner.next(count + 1);
    return { child, snapshot: await this.bringUp(child, request.serviceId) };
  }
}
