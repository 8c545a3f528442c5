// "Open" a ready connection the way its type wants: SSH in a Remote-SSH window through a managed Host alias
// (or a terminal running ssh where no Remote-SSH is installed), web services in a browser, other types through
// their launch URL (a VNC viewer, a database client) or by copying their command or address. Templates and
// values are checked in core, what is missing is asked once per service (serviceAnswers.ts); this file talks to VS Code.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionSnapshot } from '../core/connections/types';
import { chooseTemplates, needsUser, readTemplateOverrides, serviceTemplates, templateType, UnsafeTemplateValueError, type Templates } from '../core/launch/launchTemplates';
import { opensAfterConnect } from '../core/launch/openAfterConnect';
import { remotePlatform, suggestedFolder } from '../core/launch/remoteSsh';
import { sshAlias, UnsafeSshValueError } from '../core/launch/sshConfig';
import { SshConfigWriter } from '../core/launch/sshConfigWriter';
import { readSshOptions, sshOptionArgs, type SshOption } from '../core/launch/sshOptions';
import { SshOptionsFile } from '../core/launch/sshOptionsFile';
import { sshTerminalCommand } from '../core/launch/sshTerminal';
import { userSshConfigPath } from '../core/launch/userSshConfigPath';
import { launchCommand, openTarget, type Endpoint } from '../core/launch/targets';
import type { Event } from '../core/events';
import { applicationType } from '../core/remoteit/applicationTypes';
import type { Service } from '../core/remoteit/model';
import { parseServiceId } from '../core/untrusted/formats';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import { safeExternalUrl } from '../core/untrusted/url';
import type { DeviceStore } from '../core/account/deviceStore';
import type { Settings } from '../core/settings';
import { ServiceAnswers } from './serviceAnswers';

/** Remote-SSH and its forks, in order of preference. */
const REMOTE_SSH_EXTENSIONS = [
  'ms-vscode-remote.remote-ssh',
  'jeanp413.open-remote-ssh',
  'anysphere.remote-ssh',
  'codeium.windsurf-remote-openssh',
  'google.antigravity-remote-openssh',
];

export class Opener {
  readonly includeFile: string;
  /** The only writer of this extension host: its edits are queued, other windows wait on its lock file. */
  private readonly ssh: SshConfigWriter;
  private readonly sshOptionsFile: SshOptionsFile;
  /** Setting problems already shown in this window: each is said once. */
  private readonly toldProblems = new Set<string>();
  private readonly answers: ServiceAnswers;

  constructor(
    private readonly store: DeviceStore,
    memento: vscode.Memento,
    storageDir: string,
    private readonly log: vscode.LogOutputChannel,
    /** The account the view lists: OWN_ACCOUNT or an organisation's id. */
    private readonly account: () => string,
    /** The settings snapshot of the moment (read at each open, never cached). */
    private readonly settings: () => Settings,
    /** Where this extension runs: on the workspace side (code-server, web) a local port is the server's. */
    private readonly extensionKind: vscode.ExtensionKind = vscode.ExtensionKind.UI,
  ) {
    this.includeFile = path.join(storageDir, 'ssh', 'config');
    this.answers = new ServiceAnswers(memento, settings);
    this.ssh = new SshConfigWriter(this.includeFile, () => this.userSshConfig());
    this.sshOptionsFile = new SshOptionsFile(path.join(storageDir, 'ssh', 'options'), () => this.userSshConfig(), `${this.includeFile}.lock`);
  }

  /**
   * Drops the managed Host entries of the listed account's services that are no longer in it. Call it with
   * every service id of the account after a refresh that loaded the whole account.
   */
  async pruneSshHosts(accountServiceIds: Iterable<string>): Promise<void> {
    const aliases = [...accountServiceIds].filter((id) => parseServiceId(id)).map(sshAlias);
    await this.ssh.retainListed(this.account(), aliases).catch((err: unknown) => this.warnTidy(err));
  }

  /** Drops every managed Host entry (sign-out). */
  async clearSshHosts(): Promise<void> {
    await this.ssh.clear().catch((err: unknown) => this.warnTidy(err));
  }

  private warnTidy(err: unknown): void {
    this.log.warn(`Could not tidy the managed ssh hosts in ${this.includeFile}: ${plain(err, MAX_MESSAGE_LENGTH)}`);
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

  /** Opens a connection the user's Connect just made ready, when remoteit.openAfterConnect says so for its type. */
  async openAfterConnect(c: ConnectionSnapshot): Promise<void> {
    const type = c.route === 'proxy' && c.proxy?.port === null ? 'reverseProxy' : templateType(this.applicationOf(c), this.service(c)?.port);
    if (opensAfterConnect(this.settings().openAfterConnect, type)) await this.open(c);
  }

  /** Opens a ready connection: the local proxy, or for a cloud-proxy connection its address or URL. */
  async open(c: ConnectionSnapshot): Promise<void> {
    const endpoint = this.endpointOf(c);
    if (!endpoint) return;
    const { serviceId, name } = c.request;
    if (!parseServiceId(serviceId)) {
      void vscode.window.showErrorMessage(`remote.it: ${plain(name)} has no valid remote.it address, so it cannot be opened. Use Refresh Devices and try again.`);
      return;
    }
    const application = this.applicationOf(c);
    const templates = this.templatesOf(c, application);
    const ssh = applicationType(application).open === 'ssh';
    let user: string | undefined;
    if (!ssh && needsUser(templates.url ?? templates.command)) {
      user = await this.answers.templateUser(serviceId, name);
      if (user === undefined) return;
    }
    const target = openTarget({ application, serviceId, endpoint, templates, user: user || undefined });
    switch (target.kind) {
      case 'ssh':
        return this.openSsh(c, target.alias, target.host, target.port);
      case 'url':
        return this.openUrl(target.url, name, c.route === 'p2p');
      case 'launch':
        return this.launch(target.url, target.command, name);
      case 'command':
        return this.copy(target.command, name, 'command');
      case 'copy':
        if (target.problem) this.log.warn(`${plain(name)}: its launch template was not used: ${target.problem}`);
        return this.copy(target.text, name, 'address');
    }
  }

  /** "Copy Command": the service's command line for this connection, with its address filled in. */
  async copyCommand(c: ConnectionSnapshot): Promise<void> {
    const endpoint = this.endpointOf(c);
    if (!endpoint) return;
    const { serviceId, name } = c.request;
    const application = this.applicationOf(c);
    const templates = this.templatesOf(c, application);
    if (!templates.command) {
      const fix = 'Open Settings';
      const choice = await vscode.window.showInformationMessage(
        `remote.it: ${plain(name)} (${plain(applicationType(application).name)}) has no command template. Add one for its type in remoteit.commandTemplates.`,
        fix,
      );
      if (choice === fix) await vscode.commands.executeCommand('workbench.action.openSettings', 'remoteit.commandTemplates');
      return;
    }
    let user: string | undefined;
    if (needsUser(templates.command)) {
      user = applicationType(application).open === 'ssh' ? await this.answers.sshUser(serviceId, name) : await this.answers.templateUser(serviceId, name);
      if (user === undefined) return;
    }
    try {
      const command = launchCommand(templates, endpoint, user || undefined);
      if (command) await this.copy(command, name, 'command');
    } catch (err) {
      if (!(err instanceof UnsafeTemplateValueError)) throw err;
      void vscode.window.showErrorMessage(`remote.it: could not fill in the command of ${plain(name)}. ${err.message}`);
    }
  }

  private endpointOf(c: ConnectionSnapshot): Endpoint | undefined {
    if (c.route === 'proxy') return c.proxy ? { ...c.proxy, reverseProxy: c.proxy.port === null } : undefined;
    return c.port === undefined ? undefined : { host: '127.0.0.1', port: c.port };
  }

  private service(c: ConnectionSnapshot): Service | undefined {
    return this.store.service(c.request.serviceId);
  }

  private applicationOf(c: ConnectionSnapshot): number {
    return c.request.application ?? this.service(c)?.application ?? 1;
  }

  /** The account's own templates for the service, then the user's settings per type, then the built-in ones. */
  private templatesOf(c: ConnectionSnapshot, application: number): Templates {
    const service = this.service(c);
    const urls = readTemplateOverrides(this.settings().launchTemplates, 'remoteit.launchTemplates');
    const commands = readTemplateOverrides(this.settings().commandTemplates, 'remoteit.commandTemplates');
    this.tellOnce([...urls.problems, ...commands.problems], 'remoteit.launchTemplates');
    return chooseTemplates(templateType(application, service?.port), {
      service: serviceTemplates({ launchTemplate: service?.launchTemplate, commandTemplate: service?.commandTemplate }),
      urls: urls.templates,
      commands: commands.templates,
    });
  }

  private async copy(text: string, name: string, what: 'command' | 'address'): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`$(check) Copied ${plain(text, MAX_MESSAGE_LENGTH)}`, 5000);
    if (what === 'command') this.log.info(`Copied the command of ${plain(name)}: ${plain(text, MAX_MESSAGE_LENGTH)}`);
  }

  private async openUrl(address: string, name: string, local: boolean): Promise<void> {
    // Only http(s) leaves the editor: a command:, file: or vscode: URL from the API would act inside it.
    const url = safeExternalUrl(address);
    if (!url) {
      this.log.warn(`Not opening ${plain(name)}: its address ${plain(address, MAX_MESSAGE_LENGTH)} is not an http(s) URL`);
      void vscode.window.showErrorMessage(`remote.it: the address remote.it gave for ${plain(name)} is not a web address, so it was not opened. Disconnect and connect again.`);
      return;
    }
    const reachable = local ? await this.browserReachable(url) : url;
    if (this.settings()['http.openIn'] === 'simpleBrowser') {
      await vscode.commands.executeCommand('simpleBrowser.show', reachable);
      return;
    }
    const opened = await vscode.env.openExternal(vscode.Uri.parse(reachable, true));
    if (!opened) {
      await vscode.env.clipboard.writeText(reachable);
      void vscode.window.showWarningMessage(`remote.it: could not open a browser; ${plain(reachable, MAX_MESSAGE_LENGTH)} is on the clipboard.`);
    }
  }

  /**
   * A local port as the browser reaches it. Only when this extension runs on the workspace side (code-server,
   * VS Code for the Web) is connectd's 127.0.0.1 another machine than the browser's, and asExternalUri forwards
   * it; on the UI side it would forward the *remote* machine's port in a remote window, so it is never used.
   */
  private async browserReachable(url: string): Promise<string> {
    if (this.extensionKind !== vscode.ExtensionKind.Workspace || !vscode.env.remoteName) return url;
    try {
      const external = (await vscode.env.asExternalUri(vscode.Uri.parse(url, true))).toString(true);
      return safeExternalUrl(external) ?? url;
    } catch (err) {
      this.log.warn(`Could not forward ${plain(url)} to the browser: ${plain(err, MAX_MESSAGE_LENGTH)}`);
      return url;
    }
  }

  /** A launch URL goes to the application registered for its scheme; without one, the command or URL is copied. */
  private async launch(url: string, command: string | undefined, name: string): Promise<void> {
    const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
    this.log.info(`${opened ? 'Launched' : 'Could not launch'} ${plain(url, MAX_MESSAGE_LENGTH)} for ${plain(name)}`);
    if (opened) {
      void vscode.window.setStatusBarMessage(`$(link-external) Opened ${plain(url, MAX_MESSAGE_LENGTH)}`, 5000);
      return;
    }
    const fallback = command ?? url;
    await vscode.env.clipboard.writeText(fallback);
    void vscode.window.showWarningMessage(`remote.it: no application opened ${plain(url, MAX_MESSAGE_LENGTH)}; copied ${plain(fallback, MAX_MESSAGE_LENGTH)} for ${plain(name)}.`);
  }

  private async openSsh(c: ConnectionSnapshot, alias: string, host: string, port: number): Promise<void> {
    const { serviceId, name } = c.request;
    const user = await this.answers.sshUser(serviceId, name);
    if (!user) return;
    const options = this.sshOptions();
    let includeLineToAdd: string | undefined;
    try {
      ({ includeLineToAdd } = await this.ssh.upsert({ alias, port, user, hostName: host }, this.account()));
      if (!includeLineToAdd) await this.sshOptionsFile.write(options);
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
      this.openSshTerminal(name, ['-F', this.includeFile, ...sshOptionArgs(options), alias]);
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
      await this.openRemoteSshWindow(c, alias, user);
      return;
    }
    this.openSshTerminal(name, ['-F', this.userSshConfig(), alias]);
    const install = 'Install Remote-SSH';
    void vscode.window
      .showInformationMessage('remote.it: opened ssh in a terminal. Install Remote - SSH to open the device in a VS Code window.', install)
      .then((choice) => choice && vscode.env.openExternal(vscode.Uri.parse('vscode:extension/ms-vscode-remote.remote-ssh')));
  }

  /** A new window on the alias: Remote-SSH told the device's platform, on the service's folder (asked once). */
  private async openRemoteSshWindow(c: ConnectionSnapshot, alias: string, user: string): Promise<void> {
    const device = this.service(c) && this.store.device(this.service(c)!.deviceId);
    const platform = remotePlatform(device?.platform);
    if (platform) await this.setRemotePlatform(alias, platform);
    const folder = await this.answers.sshFolder(c.request.serviceId, c.request.name, suggestedFolder(platform, user));
    // Authorities are lower-cased on restore; the alias already is.
    const authority = `ssh-remote+${alias}`;
    if (folder) {
      const uri = vscode.Uri.from({ scheme: 'vscode-remote', authority, path: folder });
      this.log.info(`Opening a Remote-SSH window on ${uri.toString(true)}`);
      await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true });
      return;
    }
    this.log.info(`Opening a Remote-SSH window on ${authority}`);
    await vscode.commands.executeCommand('vscode.newWindow', { remoteAuthority: authority, reuseWindow: false });
  }

  /** Remote-SSH asks for the platform of a host it does not know; the device's platform answers it. */
  private async setRemotePlatform(alias: string, platform: string): Promise<void> {
    const config = vscode.workspace.getConfiguration('remote.SSH');
    const current = config.inspect<Record<string, string>>('remotePlatform')?.globalValue ?? {};
    if (current[alias] === platform) return;
    await config
      .update('remotePlatform', { ...current, [alias]: platform }, vscode.ConfigurationTarget.Global)
      .then(undefined, (err: unknown) => this.log.warn(`Could not set remote.SSH.remotePlatform for ${alias}: ${plain(err, MAX_MESSAGE_LENGTH)}`));
  }

  private openSshTerminal(name: string, sshArgs: string[]): void {
    const command = sshTerminalCommand(process.platform, sshArgs);
    if (!command) {
      void vscode.window.showErrorMessage(`remote.it: could not run ssh for ${plain(name)}: a path in its arguments has characters cmd.exe would interpret. Use a path without "&|<>^%!()".`);
      return;
    }
    const terminal = vscode.window.createTerminal({ name: `ssh ${plain(name, 40)}`, ...command });
    terminal.show();
  }

  /** The accepted remoteit.ssh.options; problems are said once per window. */
  private sshOptions(): SshOption[] {
    const read = readSshOptions(this.settings()['ssh.options']);
    this.tellOnce(read.problems, 'remoteit.ssh.options');
    return read.options;
  }

  private tellOnce(problems: readonly string[], settingId: string): void {
    const fresh = problems.filter((p) => !this.toldProblems.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) {
      this.toldProblems.add(p);
      this.log.warn(p);
    }
    const fix = 'Open Settings';
    void vscode.window
      .showWarningMessage(`remote.it: ${plain(fresh[0], MAX_MESSAGE_LENGTH)}${fresh.length > 1 ? ` (and ${fresh.length - 1} more in the log)` : ''}`, fix)
      .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', settingId));
  }

  /** The ssh config Remote-SSH reads. */
  private userSshConfig(): string {
    // remote.SSH.configFile from user settings only: without Remote-SSH installed nothing declares this setting's
    // scope, and a workspace's value would choose which file gets our Include line.
    const remoteSsh = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile')?.globalValue;
    return userSshConfigPath(this.settings()['ssh.configFile'], typeof remoteSsh === 'string' ? remoteSsh : '', os.homedir());
  }
}
