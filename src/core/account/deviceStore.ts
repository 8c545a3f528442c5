// The loaded account: devices with their services. Concurrent refreshes of the same account share one request;
// a refresh of another account (the user switched) or a clear (sign-out) supersedes the one in flight, whose
// answer is then dropped. A failed refresh keeps the last good list (and says why), and a refused session
// (401/403) is remembered as "sign in again".
import type { Logger } from '../connections/deps';
import { describeError } from '../describeError';
import { Emitter } from '../events';
import { isApiError } from '../remoteit/errors';
import type { Device, Service } from '../remoteit/model';
import { diffDevices, type DeviceDiff } from '../tree/deviceList';

/** The account key of the user's own devices (organisation accounts use their id). */
export const OWN_ACCOUNT = 'own';

export interface DeviceSource {
  /** The account listDevices lists now; without it, always the user's own. */
  account?(): string;
  listDevices(options: { onPage?: (loaded: number, total: number) => void }): Promise<Device[]>;
}

export interface DeviceStoreChange extends DeviceDiff {
  /** Loading started or stopped, or an error appeared or cleared. */
  status: boolean;
}

export class DeviceStore {
  private list: Device[] = [];
  private services = new Map<string, Service>();
  /** Each device's place in the list, by id. */
  private positions = new Map<string, number>();
  private loadingValue = false;
  private errorValue: string | undefined;
  private authRejected = false;
  private inFlight: { account: string; done: Promise<void> } | undefined;
  /** Bumped by every new load and by clear(): a load whose number is no longer current is dropped. */
  private generation = 0;
  private listed: string | undefined;
  private progress: { loaded: number; total: number } | undefined;
  private loadedAtValue: number | undefined;
  private readonly changed = new Emitter<DeviceStoreChange>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: DeviceSource,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get devices(): readonly Device[] {
    return this.list;
  }
  /** When the list last loaded successfully (ms), or undefined. */
  get loadedAt(): number | undefined {
    return this.loadedAtValue;
  }
  get loading(): boolean {
    return this.loadingValue;
  }
  get error(): string | undefined {
    return this.errorValue;
  }
  /** The API refused the session (401/403): only signing in again helps. */
  get needsSignIn(): boolean {
    return this.authRejected;
  }
  get loadProgress(): { loaded: number; total: number } | undefined {
    return this.progress;
  }
  /** The account the current list belongs to; undefined before the first load and after clear(). */
  get listedAccount(): string | undefined {
    return this.listed;
  }

  service(id: string): Service | undefined {
    return this.services.get(id);
  }
  device(id: string): Device | undefined {
    const position = this.positions.get(id);
    return position === undefined ? undefined : this.list[position];
  }
  /** The device's place in the account's list (the API's order), for short lists kept in that order. */
  position(id: string): number | undefined {
    return this.positions.get(id);
  }

  /** Reload from the API. Concurrent calls for the same account share one request; failures keep the last good list. */
  refresh(): Promise<void> {
    const account = this.client.account?.() ?? OWN_ACCOUNT;
    if (this.inFlight?.account === account) return this.inFlight.done;
    const generation = ++this.generation;
    const done = this.load(account, generation).finally(() => {
      if (this.generation === generation) this.inFlight = undefined;
    });
    this.inFlight = { account, done };
    return done;
  }

  clear(): void {
    this.generation++;
    this.inFlight = undefined;
    this.loadingValue = false;
    this.progress = undefined;
    this.listed = undefined;
    this.loadedAtValue = undefined;
    const hadDevices = this.list.length > 0;
    this.replace([]);
    this.errorValue = undefined;
    this.authRejected = false;
    this.changed.fire({ changed: [], membership: hadDevices, status: true });
  }

  private async load(account: string, generation: number): Promise<void> {
    const current = () => this.generation === generation;
    this.loadingValue = true;
    this.progress = undefined;
    this.changed.fire({ changed: [], membership: false, status: true });
    try {
      const next = await this.client.listDevices({
        onPage: (loaded, total) => {
          if (!current()) return;
          this.progress = { loaded, total };
          this.changed.fire({ changed: [], membership: false, status: true });
        },
      });
      if (!current()) return;
      const diff = diffDevices(this.list, next);
      const hadError = this.errorValue !== undefined;
      this.replace(next);
      this.listed = account;
      this.loadedAtValue = this.now();
      this.errorValue = undefined;
      this.authRejected = false;
      this.loadingValue = false;
      this.log.info(`Loaded ${next.length} devices`);
      this.changed.fire({ ...diff, status: true });
      if (hadError) this.changed.fire({ changed: [], membership: true, status: true });
    } catch (err) {
      if (!current()) return;
      this.loadingValue = false;
      this.errorValue = describeError(err);
      this.authRejected = isApiError(err, 'auth');
      this.log.warn(`Loading devices failed: ${this.errorValue}`);
      this.changed.fire({ changed: [], membership: false, status: true });
      throw err;
    }
  }

  private replace(next: Device[]): void {
    this.list = next;
    this.positions = new Map(next.map((d, i) => [d.id, i]));
    this.services = new Map(next.flatMap((d) => d.services.map((s) => [s.id, s] as const)));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
