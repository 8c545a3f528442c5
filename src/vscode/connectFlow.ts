// The one way a connection starts, whoever asks (tree, palette, status bar, task, tasks.json, proxy fallback):
// the request comes from core's one builder, the safeguards ask here (signed in? device offline? shared on the
// LAN? weak encryption?), and the ConnectionManager starts it exactly once. When a folder is open the
// connection also shows as a `connectd` task, whose terminal only attaches to what the manager already runs.
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import type { ConnectionManager } from '../core/connections/manager';
import { buildRequest, type BuiltRequest, type ConnectChoices, type ServiceInfo } from '../core/connections/request';
import type { ServicePreferenceStore } from '../core/connections/servicePreferences';
import { connectionId, type ConnectionRequest, type ConnectionSnapshot } from '../core/connections/types';
import { isLive } from '../core/presentation/connectionText';
import type { Service } from '../core/remoteit/model';
import { serviceOnline } from '../core/remoteit/reachability';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import { COMMANDS } from '../commandIds';
import type { SessionStore } from './session';
import type { SettingsSource } from './settings';

const READY_TIMEOUT_MS = 90_000;
const HOST_IP = { latching: '255.255.255.255', public: '0.0.0.0' } as const;

/** The task side, as the flow needs it. */
export interface TaskSurface {
  /** Tasks need a workspace folder. */
  available(): boolean;
  /** Shows the running connection as a task whose terminal attaches to it; no-op when its terminal is open. */
  show(request: ConnectionRequest): Promise<void>;
}

export type TaskStart = { id: string } | { problem: string };

export class ConnectFlow {
  private weakEncryptionWarned = false;
  private tasks: TaskSurface | undefined;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly store: DeviceStore,
    private readonly sessions: SessionStore,
    private readonly settings: SettingsSource,
    private readonly prefs: ServicePreferenceStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  useTasks(tasks: TaskSurface): void {
    this.tasks = tasks;
  }

  /** A click on Connect (tree, palette, retry). Resolves with the ready connection, or undefined (already told). */
  async connect(service: Service, choices: ConnectChoices = {}): Promise<ConnectionSnapshot | undefined> {
    const live = this.manager.get(service.id);
    if (live && isLive(live)) {
      this.log.info(`${plain(service.name)} is already ${live.state}`);
      return this.untilReady(live);
    }
    if (!(await this.ensureSignedIn())) return undefined;
    const prefs = this.prefs.forRequest(service.id);
    const proxy = (choices.route ?? prefs.route) === 'proxy';
    if (!serviceOnline(service, this.store.device(service.deviceId))) {
      const name = plain(this.titleOf(service));
      if (proxy) {
        void vscode.window.showWarningMessage(`remote.it: ${name} is offline. The remote.it proxy can only reach an online device; connect when it is back.`);
        return undefined;
      }
      const anyway = 'Connect Anyway';
      if ((await vscode.window.showWarningMessage(`remote.it: ${name} is offline according to remote.it.`, anyway)) !== anyway) return undefined;
    }
    const built = buildRequest(service.id, this.infoOf(service), proxy ? { ...choices, route: 'proxy', hostIp: choices.hostIp ?? (await this.askHostIp()) } : choices, proxy ? prefs : { ...prefs, route: undefined });
    if (proxy && built.ok && !built.request.hostIp) return undefined; // the user cancelled the who-may-use question
    const request = await this.checked(built);
    if (!request) return undefined;
    const started = await this.manager.start(request);
    const id = connectionId(request);
    if (this.tasks?.available() && started.route === 'p2p') {
      await this.tasks.show(request).catch((err: unknown) => this.log.warn(`Could not show ${plain(request.name)} as a task: ${plain(String(err), MAX_MESSAGE_LENGTH)}`));
    }
    return this.untilReady(this.manager.get(id) ?? started);
  }

  /** Through the remote.it cloud proxy instead of peer-to-peer. `hostIp` from a caller skips the question. */
  connectProxy(service: Service, hostIp?: string): Promise<ConnectionSnapshot | undefined> {
    return this.connect(service, { route: 'proxy', hostIp });
  }

  /**
   * A `connectd` task is running (tasks.json, Run Task, Restart Task): a live connection is attached to, anything
   * else runs the same safeguards as a click before starting. (The task a click shows attaches without this.)
   */
  async startFromTask(definition: { service?: unknown; file?: unknown; port?: unknown; bind?: unknown; name?: unknown }): Promise<TaskStart> {
    // tasks.json may hold any JSON here (`{"toString": null}` cannot even become a string): only a string is looked up.
    const serviceKey = typeof definition.service === 'string' ? definition.service : '';
    const built = definition.file !== undefined
      ? buildRequest(undefined, undefined, { provisioningFile: definition.file, port: definition.port, bindAddress: definition.bind, name: definition.name })
      : buildRequest(
          definition.service,
          this.infoOf(this.store.service(serviceKey)),
          { port: definition.port, bindAddress: definition.bind, name: definition.name, route: 'p2p' },
          { port: this.prefs.forRequest(serviceKey).port },
        );
    if (!built.ok) return { problem: built.problem };
    const id = connectionId(built.request);
    const live = this.manager.get(id);
    if (live && isLive(live)) return { id };
    if (!(await this.ensureSignedIn())) return { problem: 'Sign in to remote.it to connect.' };
    const request = await this.checked(built);
    if (!request) return { problem: 'Cancelled.' };
    await this.manager.start(request);
    return { id };
  }

  /** Starts a failed or closed connection again with the same choices, the same one way. */
  async retry(s: ConnectionSnapshot): Promise<void> {
    const service = this.store.service(s.request.serviceId);
    if (service) {
      await this.connect(service, { route: s.route, hostIp: s.request.hostIp, port: s.request.port, bindAddress: s.request.bindAddress });
      return;
    }
    const request = await this.checked({ ok: true, request: s.request });
    if (request) await this.untilReady(await this.manager.start(request));
  }

  async disconnect(id: string): Promise<void> {
    await this.manager.stop(id);
  }

  /** Keep connected: restored when VS Code starts. Turning it on for a closed service also connects it. */
  async setKeepConnected(service: Service, keep: boolean): Promise<void> {
    const live = this.manager.get(service.id);
    if (keep && !(live && isLive(live))) await this.connect(service);
    if (!this.manager.get(service.id)) return; // not signed in, or the user cancelled
    await this.manager.setKeepConnected(service.id, keep);
    const name = plain(service.name);
    void vscode.window.setStatusBarMessage(keep ? `$(pin) ${name} will reconnect when VS Code starts` : `${name} will no longer reconnect on start`, 4000);
  }

  private async untilReady(s: ConnectionSnapshot): Promise<ConnectionSnapshot | undefined> {
    if (s.state === 'failed') return undefined; // the notifier tells the user
    try {
      // The view's progress bar runs while connecting; the row and the status bar item say which one.
      const waiting = this.manager.waitUntilReady(s.id, READY_TIMEOUT_MS);
      void vscode.window.withProgress({ location: { viewId: 'remoteit.services' } }, () => waiting.catch(() => undefined));
      return await waiting;
    } catch {
      // Failures are announced by the notifier; a timeout has no state change of its own.
      if (this.manager.get(s.id)?.state === 'starting') {
        const name = plain(s.request.name);
        void vscode.window.showWarningMessage(`remote.it: ${name} is taking long to connect.`, 'Show Log').then((c) => c && this.log.show());
      }
      return undefined;
    }
  }

  /** A built request, after the questions its values raise; undefined when invalid (told) or declined. */
  private async checked(built: BuiltRequest): Promise<ConnectionRequest | undefined> {
    if (!built.ok) {
      void vscode.window.showErrorMessage(`remote.it: ${plain(built.problem, 300)}`);
      return undefined;
    }
    const { request } = built;
    if (request.route !== 'proxy' && !(await this.confirmSharedBind(request))) return undefined;
    if (request.route !== 'proxy') this.warnWeakEncryption();
    return request;
  }

  private async ensureSignedIn(): Promise<boolean> {
    if (this.sessions.state === 'signedIn') return true;
    const signIn = 'Sign In';
    if ((await vscode.window.showWarningMessage('remote.it: sign in to connect.', signIn)) === signIn) await vscode.commands.executeCommand(COMMANDS.signIn);
    return false;
  }

  /** Binding beyond loopback shares the port with the LAN: confirm, saying truthfully who can use it. */
  private async confirmSharedBind(request: ConnectionRequest): Promise<boolean> {
    const s = this.settings.current;
    const bind = request.bindAddress ?? s['connectd.bindAddress'];
    if (isLoopback(bind)) return true;
    const restrict = s['connectd.restrictIp'];
    // Only the -p command line carries a restrict IP; provisioning files (-f, the default) have no such key.
    const restrictApplies = s['connectd.launchMode'] === 'authhash';
    const detail =
      restrict !== '0.0.0.0' && restrictApplies
        ? `connectd will listen on ${bind} and accept connections from ${restrict} only.`
        : restrict !== '0.0.0.0'
          ? `connectd will listen on ${bind}. remoteit.connectd.restrictIp (${restrict}) only takes effect with remoteit.connectd.launchMode "authhash", which shows the auth hash to other local users; as set, anyone who can reach this machine can use the port.`
          : `connectd will listen on ${bind} and accept anyone who can reach this machine. Set remoteit.connectd.restrictIp (with launchMode "authhash") to allow a single IP.`;
    const proceed = 'Connect';
    const title = `Share ${plain(request.name)} beyond this machine?`;
    return (await vscode.window.showWarningMessage(title, { modal: true, detail }, proceed)) === proceed;
  }

  /** Modes 0 and 1 are documented as insecure; say so once per window, without blocking the connection. */
  private warnWeakEncryption(): void {
    const mode = this.settings.current['connectd.encryption'];
    if (mode >= 2 || this.weakEncryptionWarned) return;
    this.weakEncryptionWarned = true;
    void vscode.window
      .showWarningMessage(`remote.it: connectd encryption mode ${mode} is not secure; mode 2 (XXTEA) is recommended.`, 'Use Mode 2')
      .then((c) => c && this.settings.update('connectd.encryption', 2));
  }

  /** hostIP for the cloud proxy: latching (first client), one IP, or public after a warning. */
  private async askHostIp(): Promise<string | undefined> {
    const mode = this.settings.current.proxyHostIp;
    if (mode === 'latching') return HOST_IP.latching;
    if (mode === 'public') {
      const ok = 'Make It Public';
      const choice = await vscode.window.showWarningMessage(
        'A public proxy connection can be used by anyone who learns its address.',
        { modal: true, detail: 'Change remoteit.proxyHostIp to "latching" to limit it to the first client.' },
        ok,
      );
      return choice === ok ? HOST_IP.public : undefined;
    }
    const ip = await vscode.window.showInputBox({
      title: 'Restrict the proxy connection to one IP address',
      prompt: 'Only this public IP address will be able to use the connection',
      validateInput: (v) => (/^(\d{1,3}\.){3}\d{1,3}$/.test(v.trim()) ? undefined : 'Enter an IPv4 address such as 203.0.113.7'),
    });
    return ip?.trim() || undefined;
  }

  private infoOf(service: Service | undefined): ServiceInfo | undefined {
    if (!service) return undefined;
    const device = this.store.device(service.deviceId);
    return { id: service.id, name: service.name, deviceName: device?.name, application: service.application };
  }

  private titleOf(service: Service): string {
    const device = this.store.device(service.deviceId);
    return device ? `${service.name} on ${device.name}` : service.name;
  }
}

function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\./.test(address);
}
