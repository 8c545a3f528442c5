// What the ConnectionManager needs from the outside world, as narrow interfaces: the VS Code side supplies
// settings, secrets and storage; `systemServices()` (system.ts) supplies the real processes, clock and sockets.
import type { ProcessTable } from '../connectd/processTable';
import type { Spawner } from '../connectd/spawner';
import type { Clock } from '../clock';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { EnginePolicy } from './policy';
import type { Credentials, ProxyEndpoint } from './types';

/** How credentials reach connectd: `file` (-f, default), `authhash` (-p, hash visible on the command line),
 * `password` (-c, needs the password, which is never kept: falls back to `file` with a warning). */
export type LaunchMode = 'file' | 'authhash' | 'password';

/** The `remoteit.*` engine settings, read at every start so changes apply to the next connection. */
export interface EngineSettings {
  encryption: number;
  bindAddress: string;
  restrictIp: string;
  maxOutstanding: number;
  lifetimeMinutes: number;
  idleMinutes: number;
  /** A start not ready after this long fails as "cannot reach remote.it"; 0 = wait for connectd to give up. */
  startTimeoutSeconds: number;
  /** "33000-42999"; an invalid value falls back to the default range with a warning. */
  portRange: string;
  reconnect: boolean;
  launchMode: LaunchMode;
}

/** The engine's view of one settings snapshot. */
export function engineSettingsOf(s: Settings): EngineSettings {
  return {
    encryption: s['connectd.encryption'],
    bindAddress: s['connectd.bindAddress'],
    restrictIp: s['connectd.restrictIp'],
    maxOutstanding: s['connectd.maxOutstanding'],
    lifetimeMinutes: s['connectd.lifetimeMinutes'],
    idleMinutes: s['connectd.idleMinutes'],
    startTimeoutSeconds: s['connectd.startTimeoutSeconds'],
    portRange: s['ports.range'],
    reconnect: s.reconnect,
    launchMode: s['connectd.launchMode'] as LaunchMode,
  };
}

/** The defaults, for callers that have no VS Code settings to read. */
export const DEFAULT_ENGINE_SETTINGS: Readonly<EngineSettings> = engineSettingsOf(DEFAULT_SETTINGS);

/** A tiny persistent key-value store (VS Code: `globalState.get` / `globalState.update`). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): PromiseLike<void> | void;
}

/** Never given secrets. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** True when something accepts a TCP connection on host:port. */
export type TcpProbe = (host: string, port: number) => Promise<boolean>;

/** True when the port can be bound on that local address right now. */
export type PortCheck = (bindAddress: string, port: number) => Promise<boolean>;

/** The remote.it API's cloud-proxy calls. */
export interface CloudProxyApi {
  connect(serviceId: string, hostIp: string): Promise<ProxyEndpoint>;
  disconnect(serviceId: string, connectionId: string): Promise<void>;
}

export interface ManagerDeps {
  spawner: Spawner;
  clock: Clock;
  /** The signed-in user's name and auth hash; undefined (or a throw) when signed out. */
  credentials(): Promise<Credentials | undefined>;
  /** The connectd to run; throws an Error whose message tells the user what to do (see binary.ts). */
  connectdPath(): Promise<string>;
  settings(): EngineSettings;
  /** Private storage of the extension: provisioning files and pid files go below it. */
  storageDir: string;
  store: KeyValueStore;
  probe: TcpProbe;
  isPortFree: PortCheck;
  /** For finding and stopping connectd processes left by a crashed window. */
  processes: ProcessTable;
  logger: Logger;
  /** This window's extension host pid (default: this process); windows tell their connectd apart by it. */
  hostPid?: number;
  /** Cloud-proxy connections; without it, a proxy request fails with a message. */
  cloudProxy?: CloudProxyApi;
  /** Timings and limits; the defaults suit real use, tests shorten them. */
  policy?: Partial<EnginePolicy>;
}
