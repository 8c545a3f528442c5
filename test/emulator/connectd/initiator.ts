// One initiator run, in the real connectd 4.6's order: banner and set-up lines, the configuration, sign-in
// attempts at the "server" (the emulator) with uptime and throughput lines from startup on, the peer session,
// the local proxy, then status lines until the lifetime ends, the peer drops or a signal arrives. Every way
// out prints connectd's exit sequence and exits with its code.
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { SessionRequest, SessionVerdict } from '../protocol';
import type { InitiatorConfig } from './config';
import { attachLines, consoleLine, exitMessage, line, setupLines } from './messages';
import type { Output } from './output';
import { Pace } from './pace';
import { LocalProxy } from './proxy';
import { openSession, ServerUnreachableError, type ServerSession } from './serverLink';
import { bindUdp } from './udp';

/** connectd's timings, in its seconds (see the real transcripts). */
const SIGN_IN_RETRY_S = 2.5;
const SERVER_RETRY_AT_S = 16;
const UDP_REBIND_AT_S = 44;
const SERVER_TIMEOUT_S = 60;
const DNS_GIVE_UP_NOTICE_S = 150;
const LIMIT_CHECK_S = 15;
/** connectd's console tick runs at about 10.4 per second. */
const TICKS_PER_S = 10.4;

/** The configuration file connectd reads: one given with `-f` (named twice in its output), or ./connectd.conf. */
export interface ConfigFile {
  name: string;
  fromArgument: boolean;
}

export interface InitiatorOptions {
  config: InitiatorConfig;
  out: Output;
  apiUrl: string | undefined;
  /** `-y server:port`, as given. */
  server?: string;
  configFile?: ConfigFile;
}

function localIp(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

function ownUid(): string {
  return ['f2', ...[...randomBytes(7)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

export class Initiator {
  private readonly pace = new Pace();
  private readonly tickBase = 19_000 + (process.pid % 5_000);
  private uptimeLines = 0;
  private proxy: LocalProxy | undefined;
  private readonly session = { txBytes: 0, rxBytes: 0 };

  constructor(private readonly opts: InitiatorOptions) {}

  private get config(): InitiatorConfig {
    return this.opts.config;
  }

  private get out(): Output {
    return this.opts.out;
  }

  async run(): Promise<void> {
    const { config, out } = this;
    process.on('SIGTERM', () => void this.exit(3, exitMessage.signal(15)));
    process.on('SIGINT', () => void this.exit(3, exitMessage.signal(2)));

    const ip = localIp();
    out.banner();
    const file = this.opts.configFile;
    if (config.fromCommandLine) out.line(line.restrictAddress(config.restrictIp));
    else if (file?.fromArgument) out.line(line.configFile(file.name));
    for (const text of setupLines(ip)) out.line(text);
    if (file) {
      out.line(line.configFile(file.name));
      out.line(line.notEncrypted);
    }
    out.line(line.pid(process.pid));
    const connecting = config.fromCommandLine ? { user: config.user, uid: config.serviceId } : undefined;
    for (const text of attachLines(this.serverName(), ip, ownUid(), connecting)) out.line(text);

    // connectd's clock starts here: the first uptime lines and a throughput line come at once, then keep
    // coming whatever happens next.
    this.pace.start();
    this.uptime();
    this.uptime();
    this.throughput();
    this.pace.every(() => this.pace.uptimeIntervalMs, () => this.uptime());
    this.pace.every(() => this.pace.throughputIntervalMs, () => this.throughput());
    this.pace.every(() => this.pace.ms(LIMIT_CHECK_S), () => this.checkLimits());

    // With -p/-c the UDP port is the proxy port's number; with a file, any free one.
    const udpPort = await bindUdp(config.fromCommandLine ? config.port : 0);
    if (udpPort === 0) return this.exit(16, exitMessage.udpPort(config.port));
    out.line(line.udpBound(udpPort));

    const session = await this.signIn(udpPort);
    const { verdict } = session;
    this.pace.follow(verdict.behaviour);
    if (verdict.result === 'auth') return this.exit(11, exitMessage.authentication(this.tick()));
    out.line(line.serverState(5, this.seconds(), this.tick()));
    out.line(line.serverConnected(verdict.server));

    if (config.autoconnect === 0) return;
    if (verdict.result === 'offline') return this.exit(12, exitMessage.autoConnectFailed);
    if (verdict.result === 'p2pFailed') {
      out.line(line.peerFailed);
      return this.exit(21, exitMessage.peerFailed);
    }
    await new Promise((resolve) => setTimeout(resolve, verdict.behaviour.connectDelayMs));
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
    this.follow(session);
  }

  /** What `Using server … on port 5959` shows: the -y host, or nothing (as the real binary prints by default). */
  private serverName(): string {
    return this.opts.server?.split(':')[0] ?? '';
  }

  private seconds(): number {
    return Math.floor(this.pace.seconds());
  }

  private tick(): number {
    return this.tickBase + Math.floor(this.pace.seconds() * TICKS_PER_S);
  }

  /** `-1` first with -p/-c, `1` with a file (as the real transcripts start); `lc=` from the second line on. */
  private uptime(): void {
    const n = this.uptimeLines++;
    const value = this.seconds() + (this.config.fromCommandLine ? -1 : 1) + Math.min(n, 1);
    this.out.line(line.uptime(value, n === 0 ? undefined : Math.min(5, 2 * n - 1)));
  }

  /** Every interval from startup, zero or not; `pl` counts the lifetime's seconds down. */
  private throughput(): void {
    const { tx, rx } = this.proxy?.takeBytes() ?? { tx: 0, rx: 0 };
    this.session.txBytes += tx;
    this.session.rxBytes += rx;
    const interval = this.pace.throughputIntervalMs;
    const { lifetime } = this.config;
    const pl = lifetime > 0 ? lifetime - this.seconds() - 1 : 100000;
    this.out.line(line.throughput(Math.round((tx * 1000) / interval), Math.round((rx * 1000) / interval), pl));
  }

  private exit(code: number, message: string): Promise<never> {
    const rest = this.proxy?.takeBytes() ?? { tx: 0, rx: 0 };
    return this.out.exit(code, message, { txBytes: this.session.txBytes + rest.tx, rxBytes: this.session.rxBytes + rest.rx });
  }

  private request(): SessionRequest {
    const { user, secret, serviceId } = this.config;
    return { user, serviceId, ...secret };
  }

  /**
   * Sign-in attempts every ~2.5 s (a console `req auth` line each). A server that does not answer: a retry
   * notice at ~16 s, the UDP port again at ~44 s, exit 014 at 60 s. A server name that does not resolve:
   * `Cannot connect to remote.it Servers, …` at ~150 s, and no exit at all. The milestones run on their own
   * timers, so a slow attempt never delays them.
   */
  private async signIn(udpPort: number): Promise<ServerSession> {
    let dns = !this.opts.apiUrl;
    const milestones = [
      this.at(SERVER_RETRY_AT_S, () => {
        if (dns) return;
        this.out.line(line.serverRetry(this.tick()));
        this.out.line(line.serverState(1, this.seconds(), this.tick()));
        this.out.line(line.serverConnected(`${this.serverName() || '0.0.0.0'}:5959`));
      }),
      this.at(UDP_REBIND_AT_S, () => dns || this.out.line(line.udpBound(udpPort))),
      this.at(SERVER_TIMEOUT_S, () => dns || void this.exit(14, exitMessage.serverTimedOut(this.tick()))),
      this.at(DNS_GIVE_UP_NOTICE_S, () => dns && this.out.line(consoleLine(this.tick(), line.serversUnreachable))),
    ];
    for (;;) {
      this.out.line(consoleLine(this.tick(), line.signingIn(this.config.user)));
      this.out.line('');
      if (this.opts.apiUrl) {
        try {
          const session = await openSession(this.opts.apiUrl, this.request());
          milestones.forEach(clearTimeout);
          return session;
        } catch (err) {
          if (!(err instanceof ServerUnreachableError)) throw err;
          dns = err.dns;
        }
      }
      await this.pace.delay(SIGN_IN_RETRY_S);
    }
  }

  /** Runs `action` once, `seconds` connectd seconds from now. */
  private at(seconds: number, action: () => unknown): NodeJS.Timeout {
    return setTimeout(action, this.pace.ms(seconds));
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
      await new Promise((resolve) => setTimeout(resolve, this.pace.world.retryIntervalMs));
      this.out.line(line.retryAutoConnect);
      let verdict: SessionVerdict;
      let session: ServerSession;
      try {
        session = await openSession(this.opts.apiUrl as string, this.request());
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

  /**
   * connectd's 15 s limit check (command-line limits only; seconds). Once past the lifetime L, an idle spell
   * of the idle limit G ends it (G = 0: at once); L + G is the hard maximum. With only G, an idle spell of G
   * ends it.
   */
  private checkLimits(): void {
    const { lifetime, idle } = this.config;
    if (lifetime === 0 && idle === 0) return;
    const cur = this.seconds();
    const idleFor = this.proxy ? (Date.now() - this.proxy.lastActivity) / this.pace.ms(1) : cur;
    if (lifetime > 0 && idle > 0 && cur >= lifetime + idle) void this.exit(1, exitMessage.lifetimeMax(lifetime, idle, cur));
    else if (cur >= lifetime && idleFor >= idle && (lifetime > 0 || idle > 0)) void this.exit(1, exitMessage.lifetimeIdle(cur, idle, lifetime));
  }
}
