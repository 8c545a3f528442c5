// The loaded account: devices with their services. Concurrent refreshes share one request, a failed refresh
// keeps the last good list (and says why), and a refused session (401/403) is remembered as "sign in again".
import type { Logger } from '../connections/deps';
import { describeError } from '../describeError';
import { Emitter } from '../events';
import { isApiError } from '../remoteit/errors';
import type { Device, Service } from '../remoteit/model';
import { diffDevices, type DeviceDiff } from '../tree/deviceList';

export interface DeviceSource {
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
  private inFlight: Promise<void> | undefined;
  private progress: { loaded: number; total: number } | undefined;
  private readonly changed = new Emitter<DeviceStoreChange>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: DeviceSource,
    private readonly log: Logger,
  ) {}

  get devices(): readonly Device[] {
    return this.list;
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

  /** Reload from the API. Concurrent calls share one request; failures keep the last good list. */
  refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  clear(): void {
    const hadDevices = this.list.length > 0;
    this.replace([]);
    this.errorValue = undefined;
    this.authRejected = false;
    this.changed.fire({ changed: [], membership: hadDevices, status: true });
  }

  private async load(): Promise<void> {
    this.loadingValue = true;
    this.progress = undefined;
    this.changed.fire({ changed: [], membership: false, status: true });
    try {
      const next = await this.client.listDevices({
        onPage: (loaded, total) => {
          this.progress = { loaded, total };
          this.changed.fire({ changed: [], membership: false, status: true });
        },
      });
      const diff = diffDevices(this.list, next);
      const hadError = this.errorValue !== undefined;
      this.replace(next);
      this.errorValue = undefined;
      this.authRejected = false;
      this.loadingValue = false;
      this.log.info(`Loaded ${next.length} devices`);
      this.changed.fire({ ...diff, status: true });
      if (hadError) this.changed.fire({ changed: [], membership: true, status: true });
    } catch (err) {
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
