// "Open" a ready connection the way its type wants: SSH in a Remote-SSH window through a managed Host alias
// (or a terminal running ssh where no Remote-SSH is installed), web services in a browser, anything else by
// copying the address.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionSnapshot } from '../core/connections/types';
import { openTarget, type Endpoint } from '../core/launch/targets';
import { sshAlias, UnsafeSshValueError } from '../core/launch/sshConfig';
import { SshConfigWriter } from '../core/launch/sshConfigWriter';
import type { Event } from '../core/events';
import { applicationType } from '../core/remoteit/applicationTypes';
import { parseHostName, parseServiceId, parseSshUser } from '../core/untrusted/formats';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import { safeExternalUrl } from '../core/untrusted/url';
import type { DeviceStore } from '../core/account/deviceStore';
import { setting } from './settings';

/** Remote-SSH and its forks, in order of preference. */
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
  /** The only writer of this extension host: its edits are queued, other windows wait on its lock file. */
  private readonly ssh: SshConfigWriter;

  constructor(
    private readonly store: DeviceStore,
    private readonly memento: vscode.Memento,
    storageDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.includeFile = path.join(storageDir, 'ssh', 'config');
    this.ssh = new SshConfigWriter(this.includeFile, () => this.userSshConfig());
  }

  /**
   * Drops the managed Host entries of services that are no longer in the account. Call it with every service
   * id of the account after a refresh that loaded the whole account, and with none on sign-out.
   */
  async pruneSshHosts(accountServiceIds: Iterable<string>): Promise<void> {
    const aliases = [...accountServiceIds].filter((id) => parseServiceId(id)).map(sshAlias);
    await this.ssh.retain(aliases).catch((err: unknown) => this.log.warn(`Could not tidy the managed ssh hosts in ${this.includeFile}: ${plain(err, MAX_MESSAGE_LENGTH)}`));
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
      if (application === undefined || applicationType(application).open !== 'ssh' || !parseServiceId(c.request.serviceId)) return;
      written.set(c.id, c.port);
      this.ssh
        .updatePort(sshAlias(c.request.serviceId), c.port)
        .catch((err: unknown) => this.log.warn(`Could not update the ssh Host entry of ${plain(c.request.name)}: ${plain(err, MAX_MESSAGE_LENGTH)}`));
    });
    return { dispose: () => sub.dispose() };
  }

  /** Opens a ready connection: the local proxy, or for a cloud-proxy connection its address or URL. */
  async open(c: ConnectionSnapshot): Promise<void> {
    if (c.route === 'proxy') {
      if (c.proxy) await this.openEndpoint(c.request.serviceId, c.request.name, c.request.application, { ...c.proxy, reverseProxy: c.proxy.port === null });
      return;
    }
    if (c.port === undefined) return;
    await this.openEndpoint(c.request.serviceId, c.request.name, c.request.application, { host: '127.0.0.1', port: c.port });
  }

  private async openEndpoint(serviceId: string, name: string, application: number | undefined, endpoint: Endpoint): Promise<void> {
    const type = application ?? this.store.service(serviceId)?.application ?? 1;
    if (!parseServiceId(serviceId)) {
      void vscode.window.showErrorMessage(`remote.it: ${plain(name)} has no valid remote.it address, so it cannot be opened. Use Refresh Devices and try again.`);
      return;
    }
    const target = openTarget(type, endpoint, serviceId);
    if (target.kind === 'url') return this.openUrl(target.url, name);
    if (target.kind === 'ssh') return this.openSsh(serviceId, name, target.alias, target.host, target.port);
    // The clipboard often ends up in a terminal: a host with a newline would run whatever follows it.
    if (!parseHostName(endpoint.host)) {
      void vscode.window.showErrorMessage(`remote.it: the address remote.it gave for ${plain(name)} is not a host name, so it was not copied. Disconnect and connect again.`);
      return;
    }
    await vscode.env.clipboard.writeText(target.text);
    void vscode.window.showInformationMessage(`remote.it: copied ${plain(target.text)} for ${plain(name)}.${target.hint ? ` ${plain(target.hint, MAX_MESSAGE_LENGTH)}` : ''}`);
  }

  private async openUrl(address: string, name: string): Promise<void> {
    // Only http(s) leaves the editor: a command:, file: or vscode: URL from the API would act inside it.
    const url = safeExternalUrl(address);
    if (!url) {
      this.log.warn(`Not opening ${plain(name)}: its address ${plain(address, MAX_MESSAGE_LENGTH)} is not an http(s) URL`);
      void vscode.window.showErrorMessage(`remote.it: the address remote.it gave for ${plain(name)} is not a web address, so it was not opened. Disconnect and connect again.`);
      return;
    }
    // Never asExternalUri: in a remote window it would forward the *remote* machine's port.
    if (setting<string>('http.openIn', 'external') === 'simpleBrowser') {
      await vscode.commands.executeCommand('simpleBrowser.show', url);
      return;
    }
    const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
    if (!opened) {
      await vscode.env.clipboard.writeText(url);
      void vscode.window.showWarningMessage(`remote.it: could not open a browser; ${plain(url, MAX_MESSAGE_LENGTH)} is on the clipboard.`);
    }
  }

  private async openSsh(serviceId: string, name: string, alias: string, host: string, port: number): Promise<void> {
    const user = await this.sshUser(serviceId, name);
    if (!user) return;
    let includeLineToAdd: string | undefined;
    try {
      ({ includeLineToAdd } = await this.ssh.upsert({ alias, port, user, hostName: host }));
    } catch (err) {
      const why = err instanceof UnsafeSshValueError ? err.message : `Could not write the ssh config: ${plain(err, MAX_MESSAGE_LENGTH)}`;
      this.log.error(`Not opening ${plain(name)} over ssh: ${why}`);
      void vscode.window.showErrorMessage(`remote.it: could not open ${plain(name)} over SSH. ${why}`);
      return;
    }
    this.log.info(`ssh Host ${alias} → ${plain(host)}:${port} as ${user} (${this.includeFile})`);
    const remoteSsh = REMOTE_SSH_EXTENSIONS.find((id) => vscode.extensions.getExtension(id));
    if (includeLineToAdd) {
      // Remote-SSH reads only the user's config, which does not include our hosts: ssh itself can be pointed at them.
      this.openSshTerminal(name, this.includeFile, alias);
      const copy = 'Copy Line';
      const choice = await vscode.window.showWarningMessage(
        `remote.it: your ssh config ${plain(this.userSshConfig(), MAX_MESSAGE_LENGTH)} cannot be changed, so ${remoteSsh ? 'Remote-SSH' : 'ssh'} does not see the remote.it hosts. ` +
          `Add this line at its top: ${includeLineToAdd} — opened ${plain(name)} in a terminal meanwhile.`,
        copy,
      );
      if (choice === copy) await vscode.env.clipboard.writeText(includeLineToAdd);
      return;
    }
    if (remoteSsh) {
      // Authorities are lower-cased on restore; the alias already is.
      await vscode.commands.executeCommand('vscode.newWindow', { remoteAuthority: `ssh-remote+${alias}`, reuseWindow: false });
      return;
    }
    this.openSshTerminal(name, this.userSshConfig(), alias);
    const install = 'Install Remote-SSH';
    void vscode.window
      .showInformationMessage('remote.it: opened ssh in a terminal. Install Remote - SSH to open the device in a VS Code window.', install)
      .then((choice) => choice && vscode.env.openExternal(vscode.Uri.parse('vscode:extension/ms-vscode-remote.remote-ssh')));
  }

  private openSshTerminal(name: string, configFile: string, alias: string): void {
    // argv, not a shell line: the alias is validated and nothing is interpreted.
    const terminal = vscode.window.createTerminal({ name: `ssh ${plain(name, 40)}`, shellPath: 'ssh', shellArgs: ['-F', configFile, alias] });
    terminal.show();
  }

  /** The ssh config Remote-SSH reads: our setting, then remote.SSH.configFile, then ~/.ssh/config. */
  private userSshConfig(): string {
    const own = setting('ssh.configFile', '');
    // From user settings only: without Remote-SSH installed nothing declares this setting's scope, and a
    // workspace's value would choose which file gets our Include line.
    const remoteSsh = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile')?.globalValue ?? '';
    const chosen = own || remoteSsh || path.join(os.homedir(), '.ssh', 'config');
    return chosen.startsWith('~') ? path.join(os.homedir(), chosen.slice(1)) : chosen;
  }

  /** The SSH user: the setting, else remembered per service, else asked once. Every source is checked. */
  private async sshUser(serviceId: string, name: string): Promise<string | undefined> {
    const configured = setting('ssh.user', '');
    if (configured) {
      const user = parseSshUser(configured);
      if (user) return user;
      const fix = 'Open Settings';
      void vscode.window
        .showErrorMessage(`remote.it: the remoteit.ssh.user setting "${plain(configured, 40)}" is not a valid login name (letters, digits, _ . - @).`, fix)
        .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', 'remoteit.ssh.user'));
      return undefined;
    }
    const remembered = this.memento.get<Record<string, unknown>>(SSH_USERS, {});
    const known = parseSshUser(remembered[serviceId]);
    if (known) return known;
    const answer = await vscode.window.showInputBox({
      title: `SSH user for ${plain(name)}`,
      prompt: 'The user name to log in as on the device (remembered for this service)',
      value: parseSshUser(os.userInfo().username) ?? '',
      validateInput: (v) => (parseSshUser(v) ? undefined : 'Enter a login name: letters, digits, _ . - @'),
    });
    const user = parseSshUser(answer);
    // Re-read right before writing: another window may have remembered a user for another service meanwhile.
    if (user) await this.memento.update(SSH_USERS, { ...this.memento.get<Record<string, unknown>>(SSH_USERS, {}), [serviceId]: user });
    return user;
  }
}
