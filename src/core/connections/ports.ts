// Local ports: the configured range ("33000-42999"), a remembered port per service (reused when free), and
// one owner per port, so two connections never share a port. Availability is checked by binding the address
// connectd will bind, not by guessing.
import type { Clock } from '../clock';
import type { KeyValueStore, PortCheck } from './deps';

export interface PortRange {
  first: number;
  last: number;
}

export const DEFAULT_PORT_RANGE: PortRange = { first: 33000, last: 42999 };

/** "33000-42999" → {first, last}; undefined when the text is not a valid range of ports. */
export function parsePortRange(text: string): PortRange | undefined {
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text ?? '');
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = Number(m[2]);
  return first >= 1 && first <= last && last <= 65535 ? { first, last } : undefined;
}

export function formatPortRange(range: PortRange): string {
  return `${range.first}-${range.last}`;
}

export class PortAllocator {
  private readonly owners = new Map<number, string>();

  constructor(private readonly isFree: PortCheck) {}

  /**
   * Claims a port for connection `id`: the first usable wish (in order), else the next free port of the range
   * after the first wish (wrapping around). Ports owned by other connections and ports in `avoid` are skipped.
   * Undefined when nothing is free.
   */
  async allocate(id: string, bindAddress: string, wishes: readonly (number | undefined)[], range: PortRange, avoid: ReadonlySet<number> = new Set()): Promise<number | undefined> {
    const wanted = [...new Set(wishes.filter((p): p is number => p !== undefined && p >= 1 && p <= 65535))];
    for (const port of wanted) {
      if (await this.tryClaim(id, bindAddress, port, avoid)) return port;
    }
    const size = range.last - range.first + 1;
    const anchor = wanted.find((p) => p >= range.first && p <= range.last);
    const start = anchor === undefined ? 0 : anchor - range.first + 1;
    for (let i = 0; i < size; i++) {
      const port = range.first + ((start + i) % size);
      if (await this.tryClaim(id, bindAddress, port, avoid)) return port;
    }
    return undefined;
  }

  /**
   * Waits (up to attempts × intervalMs) for a port to become bindable again. A reconnect keeps its address this
   * way even while the kernel is still tearing down the previous connectd's sockets.
   */
  async waitUntilFree(bindAddress: string, port: number, clock: Clock, attempts: number, intervalMs: number): Promise<boolean> {
    for (let i = 0; ; i++) {
      if (await this.isFree(bindAddress, port).catch(() => false)) return true;
      if (i + 1 >= attempts) return false;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, intervalMs));
    }
  }

  /** Gives back every port held by `id`. */
  release(id: string): void {
    for (const [port, owner] of this.owners) if (owner === id) this.owners.delete(port);
  }

  owner(port: number): string | undefined {
    return this.owners.get(port);
  }

  private async tryClaim(id: string, bindAddress: string, port: number, avoid: ReadonlySet<number>): Promise<boolean> {
    const owner = this.owners.get(port);
    if (avoid.has(port) || (owner !== undefined && owner !== id)) return false;
    // Claim before the asynchronous check, so a concurrent allocation cannot pick the same port meanwhile.
    this.owners.set(port, id);
    const free = await this.isFree(bindAddress, port).catch(() => false);
    if (free) {
      for (const [other, holder] of this.owners) if (holder === id && other !== port) this.owners.delete(other);
      return true;
    }
    if (owner === undefined) this.owners.delete(port);
    return false;
  }
}

/** The last port each service was ready on, so its address stays stable across sessions. */
export class RememberedPorts {
  constructor(private readonly store: KeyValueStore) {}

  get(id: string): number | undefined {
    const port = this.store.get<number>(key(id));
    return typeof port === 'number' ? port : undefined;
  }

  async remember(id: string, port: number): Promise<void> {
    if (this.get(id) !== port) await this.store.set(key(id), port);
  }
}

const key = (id: string): string => `remoteit.connections.port.${id}`;
