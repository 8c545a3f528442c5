// "Open" a ready connection the way its type wants: SSH in a Remote-SSH window through a managed Host alias
// (or a terminal running ssh where no Remote-SSH is installed), web services in a browser, anything else by
// copying the address.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionSnapshot } from '../core/connections/types';
import { openTarget, type Endpoint } from '../core/launch/targets';
import type { ProxyConnection } from '../core/remoteit/api';
import { sshAlias } from '../core/launch/sshConfig';
import { SshConfigWriter } from '../core/launch/sshConfigWriter';
import type { Event } from '../core/events';
import { applicationType } from '../core/remoteit/applicationTypes';
import type { DeviceStore } from './deviceStore';
import { setting } from './settings';

/** Remote-SSH and its forks, in order of preference (vscode-facts §2.6). */
const REMOTE_SSH_EXTENSIONS = [
  'ms-vscode-remote.remote-ssh',
  'jeanp413.open-remote-ssh',
  'anysphere.remote-ssh',
  'codeium.windsurf-remote-openssh',
  'google.antigravity-remote-openssh',
];
const SSH_USERS = 'remoteit.sshUsers';

export class Opener {
  readonly includeFile: string;

  constructor(
    private readonly store: DeviceStore,
    private readonly memento: vscode.Memento,
    storageDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.includeFile = path.join(storageDir, 'ssh', 'config');
  }

  /**
   * Keeps managed Host entries pointing at the port each SSH connection really uses, so a Remote-SSH window
   * reopened from "Recent" after a port change still reaches the device.
   */
  followPorts(onDidChange: Event<ConnectionSnapshot>): vscode.Disposable {
    const written = new Map<string, number>();
    const sub = onDidChange((c) => {
      if (c.state !== 'ready' || c.port === undefined || written.get(c.id) === c.port) return;
      const application = c.request.application ?? this.store.service(c.request.serviceId)?.application;
      if (application === undefined || applicationType(application).open !== 'ssh') return;
      written.set(c.id, c.port);
      new SshConfigWriter(this.includeFile, this.userSshConfig())
        .updatePort(sshAlias(c.request.serviceId), c.port)
        .catch((err: unknown) => this.log.warn(`Could not update the ssh Host entry of ${c.request.name}: ${String(err)}`));
    });
    return { dispose: () => sub.dispose() };
  }

  /** Opens a ready connectd connection. */
  async open(c: ConnectionSnapshot): Promise<void> {
    if (c.port === undefined) return;
    await this.openEndpoint(c.request.serviceId, c.request.name, c.request.application, { host: '127.0.0.1', port: c.port });
  }

  /** Opens a cloud-proxy connection the same way (its reverse-proxy URL for web services). */
  async openProxy(serviceId: string, name: string, proxy: ProxyConnection): Promise<void> {
    await this.openEndpoint(serviceId, name, undefined, proxy);
  }

  private async openEndpoint(serviceId: string, name: string, application: number | undefined, endpoint: Endpoint): Promise<void> {
    const type = application ?? this.store.service(serviceId)?.application ?? 1;
    const target = openTarget(type, endpoint, serviceId);
    if (target.kind === 'url') return this.openUrl(target.url);
    if (target.kind === 'ssh') return this.openSsh(serviceId, name, target.alias, target.host, target.port);
    await vscode.env.clipboard.writeText(target.text);
    void vscode.window.showInformationMessage(`remote.it: copied ${target.text} for ${name}.${target.hint ? ` ${target.hint}` : ''}`);
  }

  private async openUrl(url: string): Promise<void> {
    // Never asExternalUri: in a remote window it would forward the *remote* machine's port (vscode-facts §3.5).
    if (setting<string>('http.openIn', 'external') === 'simpleBrowser') {
      await vscode.commands.executeCommand('simpleBrowser.show', url);
      return;
    }
    const opened = await vscode.env.openExternal(vscode.Uri.parse(url));
    if (!opened) {
      await vscode.env.clipboard.writeText(url);
      void vscode.window.showWarningMessage(`remote.it: could not open a browser; ${url} is on the clipboard.`);
    }
  }

  private async openSsh(serviceId: string, name: string, alias: string, host: string, port: number): Promise<void> {
    const user = await this.sshUser(serviceId, name);
    if (!user) return;
    const writer = new SshConfigWriter(this.includeFile, this.userSshConfig());
    await writer.upsert({ alias, port, user, hostName: host });
    this.log.info(`ssh Host ${alias} → ${host}:${port} as ${user} (${this.includeFile})`);
    const remoteSsh = REMOTE_SSH_EXTENSIONS.find((id) => vscode.extensions.getExtension(id));
    if (remoteSsh) {
      // Authorities are lower-cased on restore; the alias already is.
      await vscode.commands.executeCommand('vscode.newWindow', { remoteAuthority: `ssh-remote+${alias}`, reuseWindow: false });
      return;
    }
    const terminal = vscode.window.createTerminal({ name: `ssh ${name}`, shellPath: 'ssh', shellArgs: ['-F', this.userSshConfig(), alias] });
    terminal.show();
    const install = 'Install Remote-SSH';
    void vscode.window
      .showInformationMessage('remote.it: opened ssh in a terminal. Install Remote - SSH to open the device in a VS Code window.', install)
      .then((choice) => choice && vscode.env.openExternal(vscode.Uri.parse('vscode:extension/ms-vscode-remote.remote-ssh')));
  }

  /** The ssh config Remote-SSH reads: our setting, then remote.SSH.configFile, then ~/.ssh/config. */
  private userSshConfig(): string {
    const own = setting('ssh.configFile', '');
    const remoteSsh = vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile', '');
    const chosen = own || remoteSsh || path.join(os.homedir(), '.ssh', 'config');
    return chosen.startsWith('~') ? path.join(os.homedir(), chosen.slice(1)) : chosen;
  }

  /** The SSH user: the setting, else remembered per service, else asked once. */
  private async sshUser(serviceId: string, name: string): Promise<string | undefined> {
    const configured = setting('ssh.user', '');
    if (configured) return configured;
    const remembered = this.memento.get<Record<string, string>>(SSH_USERS, {});
    if (remembered[serviceId]) return remembered[serviceId];
    const user = (
      await vscode.window.showInputBox({
        title: `SSH user for ${name}`,
        prompt: 'The user name to log in as on the device (remembered for this service)',
        value: os.userInfo().username,
        validateInput: (v) => (/^[a-z_][a-z0-9_.-]*\$?$/i.test(v.trim()) ? undefined : 'Enter a valid user name'),
      })
    )?.trim();
    if (user) await this.memento.update(SSH_USERS, { ...remembered, [serviceId]: user });
    return user;
  }
}
