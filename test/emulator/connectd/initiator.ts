// One initiator run, in connectd's order: banner and local settings, sign-in at the "server" (the emulator),
// the peer session, the local proxy, then status lines until the lifetime ends, the peer drops or a signal
// arrives. Every way out prints its `!!exit [NNN]` line and exits with NNN.
import { DEFAULT_BEHAVIOUR, type ConnectdBehaviour, type SessionRequest, type SessionVerdict } from '../protocol';
import type { InitiatorConfig } from './config';
import { exitMessage, line } from './messages';
import type { Output } from './output';
import { LocalProxy } from './proxy';
import { openSession, ServerUnreachableError, type ServerSession } from './serverLink';
import { bindUdp } from './udp';

const SIGN_IN_ATTEMPTS = 3;
const SIGN_IN_RETRY_MS = 1000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Initiator {
  private readonly started = Date.now();
  /** connectd's server state names (0 Uconn … 5 Conn), reported in the exit trailer. */
  private lastState = 'Uconn';
  private behaviour: ConnectdBehaviour = DEFAULT_BEHAVIOUR;
  private proxy: LocalProxy | undefined;

  constructor(
    private readonly config: InitiatorConfig,
    private readonly out: Output,
    private readonly apiUrl: string | undefined,
  ) {}

  async run(): Promise<void> {
    const { config, out } = this;
    process.on('SIGTERM', () => void this.exit(3, exitMessage.signal(15)));
    process.on('SIGINT', () => void this.exit(3, exitMessage.signal(2)));

    out.banner();
    out.line(line.proxyPort(config.port));
    out.line(line.pid(process.pid));
    out.line(line.userConnecting(config.user, config.serviceId));
    out.line(line.udpBound(await bindUdp()));
    out.line(line.commandProcessor);

    this.lastState = 'ReqAuth';
    const session = await this.signIn();
    const { verdict } = session;
    this.behaviour = verdict.behaviour;
    if (verdict.result === 'auth') return this.exit(11, exitMessage.authentication(this.tick()));
    this.lastState = 'Conn';
    out.line(line.serverState(5, this.seconds(), this.tick()));
    out.line(line.serverConnected(verdict.server));
    setInterval(() => out.line(line.uptime(this.seconds())), this.behaviour.uptimeIntervalMs);
    this.watchLimits();

    if (config.autoconnect === 0) return;
    if (verdict.result === 'offline') return this.exit(12, exitMessage.autoConnectFailed);
    if (verdict.result === 'p2pFailed') {
      out.line(line.peerFailed);
      return this.exit(21, exitMessage.peerFailed);
    }
    await delay(this.behaviour.connectDelayMs);
    out.line(line.connected(config.encryption, verdict.session, verdict.peer, this.seconds(), this.tick()));

    const proxy = new LocalProxy({ port: config.port, bindAddress: config.bindAddress, restrictIp: config.restrictIp, print: (text) => out.line(text) });
    if (!(await proxy.listen())) {
      out.line(line.proxyFailed);
      return this.exit(17, exitMessage.proxyPort(config.port));
    }
    this.proxy = proxy;
    proxy.setPeer(verdict.target);
    out.line(line.startingProxy(config.port));
    out.line(line.proxyStarted);
    this.reportThroughput(proxy);
    this.follow(session);
  }

  private seconds(): number {
    return Math.floor((Date.now() - this.started) / 1000);
  }

  private tick(): number {
    return Date.now() - this.started;
  }

  private exit(code: number, message: string): Promise<never> {
    return this.out.exit(code, message, this.lastState);
  }

  private request(): SessionRequest {
    const { user, secret, serviceId } = this.config;
    return { user, serviceId, ...secret };
  }

  /** The sign-in, retried while the server cannot be reached; gives up with 014. */
  private async signIn(): Promise<ServerSession> {
    if (this.apiUrl) {
      for (let attempt = 1; attempt <= SIGN_IN_ATTEMPTS; attempt++) {
        try {
          return await openSession(this.apiUrl, this.request());
        } catch (err) {
          if (!(err instanceof ServerUnreachableError)) throw err;
          this.out.line(line.serverRetry(this.tick()));
          if (attempt < SIGN_IN_ATTEMPTS) await delay(SIGN_IN_RETRY_MS);
        }
      }
    }
    this.out.line(line.serversUnreachable);
    return this.exit(14, exitMessage.serverTimedOut(this.tick()));
  }

  /** Reacts to the peer dropping: exit 020, or with autoconnect 2 keep the proxy and reconnect. */
  private follow(session: ServerSession): void {
    session.onEvent((event) => {
      if (event.event !== 'drop') return;
      session.close();
      if (this.config.autoconnect === 2) void this.reconnect();
      else void this.exit(20, exitMessage.peerClosed);
    });
  }

  private async reconnect(): Promise<void> {
    const proxy = this.proxy as LocalProxy;
    proxy.setPeer(undefined);
    proxy.closeTunnels();
    this.out.line(line.peerClosed);
    for (;;) {
      await delay(this.behaviour.retryIntervalMs);
      this.out.line(line.retryAutoConnect);
      let verdict: SessionVerdict;
      let session: ServerSession;
      try {
        session = await openSession(this.apiUrl as string, this.request());
        verdict = session.verdict;
      } catch (err) {
        if (err instanceof ServerUnreachableError) continue;
        throw err;
      }
      if (verdict.result === 'auth') return this.exit(11, exitMessage.authentication(this.tick()));
      if (verdict.result !== 'ok') continue;
      this.out.line(line.connected(this.config.encryption, verdict.session, verdict.peer, this.seconds(), this.tick()));
      proxy.setPeer(verdict.target);
      this.follow(session);
      return;
    }
  }

  /** `!!throughput` at a steady interval while bytes flow, and one zero line when they stop. */
  private reportThroughput(proxy: LocalProxy): void {
    const interval = this.behaviour.throughputIntervalMs;
    let flowing = false;
    setInterval(() => {
      const { tx, rx } = proxy.takeBytes();
      if (tx + rx === 0 && !flowing) return;
      flowing = tx + rx > 0;
      this.out.line(line.throughput(Math.round((tx * 1000) / interval), Math.round((rx * 1000) / interval)));
    }, interval);
  }

  /**
   * Lifetime and idle limits, in connectd minutes (the world may shorten them). With a lifetime L and idle
   * limit G: once past L, an idle spell of G ends the process; L + G is the hard maximum. With only G, an
   * idle spell of G ends it.
   */
  private watchLimits(): void {
    const { lifetime, idle } = this.config;
    if (lifetime === 0 && idle === 0) return;
    const minute = this.behaviour.minuteMs;
    setInterval(
      () => {
        const now = Date.now();
        const elapsed = (now - this.started) / minute;
        const idleFor = (now - (this.proxy?.lastActivity ?? this.started)) / minute;
        const cur = Math.floor(elapsed * 60);
        let message: string | undefined;
        if (lifetime > 0 && elapsed >= lifetime + idle) message = exitMessage.lifetimeMax(lifetime, idle, cur);
        else if (idle > 0 && idleFor >= idle && elapsed >= lifetime) message = exitMessage.lifetimeIdle(cur, idle, lifetime);
        if (!message) return;
        this.out.line(line.lifetimeTimeout);
        void this.exit(1, message);
      },
      Math.max(20, Math.min(1000, minute / 20)),
    );
  }
}
