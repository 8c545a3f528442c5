// The running emulator's state: the live world, issued tokens, cloud proxies, connectd sessions, scripted
// faults and counters. The control endpoint and in-process tests change the world only through these methods.
import { randomBytes } from 'node:crypto';
import { CloudProxies } from './cloudProxy';
import { ApiFaults, RequestCounters } from './faults';
import { PeerSessions } from './peerSessions';
import { DEFAULT_BEHAVIOUR, type ConnectdBehaviour } from './protocol';
import { checkWorld, WorldIndex, type Account, type OnlineState, type World, type WorldDevice } from './world';

export class UnknownEntityError extends Error {}

export class EmulatorState {
  readonly index: WorldIndex;
  readonly faults = new ApiFaults();
  readonly counters = new RequestCounters();
  readonly proxies = new CloudProxies();
  readonly sessions: PeerSessions;
  readonly p2pFailures = new Set<string>();
  readonly behaviour: ConnectdBehaviour;

  constructor(readonly world: World) {
    this.index = new WorldIndex(world);
    this.behaviour = { ...DEFAULT_BEHAVIOUR, ...world.connectd };
    this.sessions = new PeerSessions({
      index: this.index,
      behaviour: this.behaviour,
      p2pFailures: this.p2pFailures,
      sessionOpened: () => this.counters.opened++,
    });
  }

  /** A new API token for the account (what a login returns). */
  issueToken(account: Account): string {
    const token = randomBytes(16).toString('hex');
    (account.tokens ??= []).push(token);
    return token;
  }

  /** Taking a service offline drops its peers, as the device's connectd going away would. */
  setServiceState(serviceId: string, state: OnlineState): void {
    const entry = this.index.service(serviceId);
    if (!entry) throw new UnknownEntityError(`no service ${serviceId}`);
    entry.service.state = state;
    if (state === 'inactive') this.dropPeers(entry.service.id);
  }

  setDeviceState(deviceId: string, state: OnlineState): void {
    const device = this.index.device(deviceId);
    if (!device) throw new UnknownEntityError(`no device ${deviceId}`);
    device.state = state;
    if (state === 'inactive') for (const s of device.services) this.dropPeers(s.id);
  }

  /** The old auth hash stops working everywhere; a password login returns the new one. */
  revokeAuthHash(email: string): string {
    const account = this.account(email);
    account.authHash = randomBytes(20).toString('hex').toUpperCase();
    return account.authHash;
  }

  /** Accounts (organisations among them) and devices join the running world, checked like a loaded one. */
  addToWorld(accounts: Account[], devices: WorldDevice[]): void {
    checkWorld({ accounts: [...this.world.accounts, ...accounts], devices: [...this.world.devices, ...devices] });
    this.index.add(structuredClone(accounts), structuredClone(devices));
  }

  /** Every API token of the account stops working. */
  revokeTokens(email: string): void {
    this.account(email).tokens = [];
  }

  /** Ends every connectd session and cloud-proxy client of the service. */
  dropPeers(serviceId: string): { sessions: number; proxies: number } {
    if (!this.index.service(serviceId)) throw new UnknownEntityError(`no service ${serviceId}`);
    return { sessions: this.sessions.drop(serviceId), proxies: this.proxies.dropClients(serviceId) };
  }

  /** From now on, peer-to-peer sessions to the service fail (connectd exit 021), or work again. */
  setP2pFailure(serviceId: string, fail: boolean): void {
    const entry = this.index.service(serviceId);
    if (!entry) throw new UnknownEntityError(`no service ${serviceId}`);
    if (fail) this.p2pFailures.add(entry.service.id.toUpperCase());
    else this.p2pFailures.delete(entry.service.id.toUpperCase());
  }

  close(): void {
    this.proxies.closeAll();
    this.sessions.closeAll();
  }

  private account(email: string): Account {
    const account = this.index.account(email);
    if (!account) throw new UnknownEntityError(`no account ${email}`);
    return account;
  }
}
