// "Connect" as the user experiences it: through the connectd task when a folder is open (tasks need one),
// directly otherwise; then "connected on 127.0.0.1:PORT" with Open, and every failure as a message with a
// next step. The ConnectionManager stays the one owner of processes and state.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import type { ConnectionRequest, ConnectionSnapshot } from '../core/connections/types';
import type { Service } from '../core/remoteit/model';
import type { DeviceStore } from './deviceStore';
import { describeError } from './errors';
import type { SessionStore } from './session';
import { setting } from './settings';
import { ConnectdTaskProvider, TASK_TYPE, type ConnectdTaskDefinition } from './tasks';

const READY_TIMEOUT_MS = 90_000;

export class Connector implements vscode.Disposable {
  private readonly lastState = new Map<string, ConnectionSnapshot['state']>();
  /** Port moves already told to the user (portChangedFrom stays set across reconnects). */
  private readonly announcedPort = new Map<string, number>();
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(
    private readonly manager: ConnectionManager,
    private readonly tasks: ConnectdTaskProvider,
    private readonly store: DeviceStore,
    private readonly sessions: SessionStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly onProxyFallback: (service: Service, reason?: string) => Promise<void>,
  ) {
    this.subscriptions.push(
      manager.onDidChange((s) => this.notify(s)),
      manager.onOutput(({ id, line, stream }) => {
        const name = manager.get(id)?.request.name ?? id;
        // Throughput and uptime lines arrive every few seconds; keep them out of the default log level.
        if (/^!!throughput|seconds since startup/.test(line)) log.trace(`[${name}] ${line}`);
        else if (stream === 'stderr') log.warn(`[${name}] ${line}`);
        else log.info(`[${name}] ${line}`);
      }),
    );
  }

  /** The request for a service from the account, with the user's connectd settings. */
  requestFor(service: Service, overrides: Partial<ConnectionRequest> = {}): ConnectionRequest {
    return {
      serviceId: service.id,
      name: service.name,
      application: service.application,
      bindAddress: setting('connectd.bindAddress', '127.0.0.1'),
      restrictIp: setting('connectd.restrictIp', '0.0.0.0'),
      ...overrides,
    };
  }

  /** Request for a `connectd` task definition (tasks.json or the task list). */
  requestForTask(definition: ConnectdTaskDefinition): ConnectionRequest {
    if (definition.file) {
      return { serviceId: definition.file, name: definition.name ?? definition.file, provisioningFile: definition.file };
    }
    const id = definition.service ?? '';
    const service = this.store.service(id);
    const overrides: Partial<ConnectionRequest> = {};
    if (definition.port !== undefined) overrides.port = definition.port;
    if (definition.bind) overrides.bindAddress = definition.bind;
    if (definition.name) overrides.name = definition.name;
    return service ? this.requestFor(service, overrides) : { serviceId: id, name: definition.name ?? id, ...overrides };
  }

  async connect(service: Service): Promise<ConnectionSnapshot | undefined> {
    if (this.sessions.state !== 'signedIn') {
      const signIn = 'Sign In';
      if ((await vscode.window.showWarningMessage('Sign in to remote.it to connect.', signIn)) === signIn) {
        await vscode.commands.executeCommand('remoteit.signIn');
      }
      return undefined;
    }
    if (service.state !== 'active') {
      const anyway = 'Connect Anyway';
      const choice = await vscode.window.showWarningMessage(`${service.name} is offline according to remote.it.`, anyway);
      if (choice !== anyway) return undefined;
    }
    if (!(await this.confirmSharedBind())) return undefined;
    this.warnWeakEncryption();
    const request = this.requestFor(service);
    if (ConnectdTaskProvider.available()) {
      const definition: ConnectdTaskDefinition = { type: TASK_TYPE, service: service.id };
      await this.tasks.run(definition, this.taskName(service));
    }
    // Idempotent: returns the live connection the task just started, or starts it when there is no task.
    await this.manager.start(request);
    try {
      const ready = await this.manager.waitUntilReady(service.id, READY_TIMEOUT_MS);
      void this.announce(ready);
      return ready;
    } catch (err) {
      // Failures are announced by notify(); a timeout is the one case that has no state change of its own.
      if (this.manager.get(service.id)?.state === 'starting') {
        void vscode.window.showWarningMessage(`remote.it: ${service.name} is taking long to connect: ${describeError(err)}`, 'Show Log').then((c) => c && this.log.show());
      }
      return undefined;
    }
  }

  async disconnect(id: string): Promise<void> {
    await this.manager.stop(id);
  }

  /** Keep connected: restored when VS Code starts. Turning it on for a closed service also connects it. */
  async toggleKeepConnected(service: Service): Promise<void> {
    const live = this.manager.get(service.id);
    const running = live !== undefined && live.state !== 'idle' && live.state !== 'failed';
    const keep = !(running && live.request.keepConnected);
    if (!running && keep) await this.connect(service);
    if (!this.manager.get(service.id)) return; // not signed in, or the user cancelled
    await this.manager.setKeepConnected(service.id, keep);
    void vscode.window.setStatusBarMessage(keep ? `${service.name} will reconnect when VS Code starts` : `${service.name} will no longer reconnect on start`, 4000);
  }

  private taskName(service: Service): string {
    const device = this.store.device(service.deviceId);
    return device ? `${device.name} – ${service.name}` : service.name;
  }

  /** Binding beyond loopback shares the port with the LAN: confirm, saying truthfully who can use it. */
  private async confirmSharedBind(): Promise<boolean> {
    const bind = setting('connectd.bindAddress', '127.0.0.1');
    if (bind === '127.0.0.1' || bind === 'localhost') return true;
    const restrict = setting('connectd.restrictIp', '0.0.0.0');
    // Only the -p command line carries a restrict IP; provisioning files (-f, the default) have no such key.
    const restrictApplies = setting('connectd.launchMode', 'file') === 'authhash';
    const proceed = 'Connect';
    const detail =
      restrict !== '0.0.0.0' && restrictApplies
        ? `connectd will listen on ${bind} and accept connections from ${restrict} only.`
        : restrict !== '0.0.0.0'
          ? `connectd will listen on ${bind}. remoteit.connectd.restrictIp (${restrict}) only takes effect with remoteit.connectd.launchMode "authhash", which shows the auth hash to other local users; as set, anyone who can reach this machine can use the port.`
          : `connectd will listen on ${bind} and accept anyone who can reach this machine. Set remoteit.connectd.restrictIp (with launchMode "authhash") to allow a single IP.`;
    return (await vscode.window.showWarningMessage('Share this connection beyond this machine?', { modal: true, detail }, proceed)) === proceed;
  }

  private weakEncryptionWarned = false;

  /** Modes 0 and 1 are documented as insecure; say so once per window, without blocking the connection. */
  private warnWeakEncryption(): void {
    const mode = setting('connectd.encryption', 2);
    if (mode >= 2 || this.weakEncryptionWarned) return;
    this.weakEncryptionWarned = true;
    void vscode.window
      .showWarningMessage(`remote.it: connectd encryption mode ${mode} is not secure; mode 2 (XXTEA) is recommended.`, 'Use Mode 2')
      .then((c) => c && vscode.workspace.getConfiguration('remoteit').update('connectd.encryption', 2, vscode.ConfigurationTarget.Global));
  }

  private async announce(s: ConnectionSnapshot): Promise<void> {
    const open = 'Open';
    const copy = 'Copy Address';
    const choice = await vscode.window.showInformationMessage(`remote.it: ${s.request.name} is connected on 127.0.0.1:${s.port}`, open, copy);
    if (choice === open) await vscode.commands.executeCommand('remoteit.open', s.id);
    if (choice === copy) await vscode.commands.executeCommand('remoteit.copyAddress', s.id);
  }

  /** Tell the user about every state change that needs them, once. */
  private notify(s: ConnectionSnapshot): void {
    const before = this.lastState.get(s.id);
    this.lastState.set(s.id, s.state);
    if (before === s.state) return;
    if (s.state === 'ready' && s.portChangedFrom && this.announcedPort.get(s.id) !== s.port) {
      this.announcedPort.set(s.id, s.port!);
      void vscode.window.showInformationMessage(`remote.it: port ${s.portChangedFrom} was in use, so ${s.request.name} now uses 127.0.0.1:${s.port}.`);
    }
    if (s.state === 'idle' && s.failure && before && before !== 'stopping') {
      void vscode.window.showWarningMessage(`remote.it: ${s.request.name} closed: ${s.failure.message}`, 'Reconnect').then((c) => c && this.retry(s));
    }
    if (s.state === 'failed' && s.failure) void this.showFailure(s);
  }

  private async showFailure(s: ConnectionSnapshot): Promise<void> {
    const failure = s.failure!;
    const unreachable = failure.action === 'unreachable' ? this.store.service(s.request.serviceId) : undefined;
    if (unreachable && setting('proxyFallback', true)) {
      // remoteit.proxyFallback: when peer-to-peer cannot reach the device, go through the cloud proxy at once.
      this.log.info(`${s.request.name}: peer-to-peer failed (${failure.message}); falling back to the remote.it proxy`);
      await this.onProxyFallback(unreachable, 'Peer-to-peer could not reach the device, so');
      return;
    }
    const actions: string[] = [];
    if (failure.action === 'signIn') actions.push('Sign In Again');
    if (failure.action === 'retry' || failure.action === 'otherPort' || failure.action === 'unreachable') actions.push('Retry');
    const service = this.store.service(s.request.serviceId);
    if (failure.action === 'unreachable' && service) actions.push('Use remote.it Proxy');
    // connectd missing or not executable: the fix is the setting the message names.
    if (failure.message.includes('remoteit.connectd.path')) actions.push('Open Settings');
    actions.push('Show Log');
    const choice = await vscode.window.showErrorMessage(`remote.it: ${s.request.name}: ${failure.message}`, ...actions);
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'remoteit.connectd.path');
    if (choice === 'Sign In Again') await vscode.commands.executeCommand('remoteit.signIn');
    if (choice === 'Retry') await this.retry(s);
    if (choice === 'Use remote.it Proxy' && service) await this.onProxyFallback(service);
    if (choice === 'Show Log') this.log.show();
  }

  private async retry(s: ConnectionSnapshot): Promise<void> {
    const service = this.store.service(s.request.serviceId);
    if (service) await this.connect(service);
    else await this.manager.start(s.request);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
