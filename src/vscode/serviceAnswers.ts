// What opening a service asks the user once and then remembers per service: the SSH user, the user name of
// other services' launch templates, and the folder a Remote-SSH window opens. Every remembered or typed value
// is checked again before use: the memento is shared with older versions and other windows.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { parseRemoteFolder } from '../core/launch/remoteSsh';
import type { Settings } from '../core/settings';
import { parseSshUser } from '../core/untrusted/formats';
import { plain } from '../core/untrusted/text';

const SSH_USERS = 'remoteit.sshUsers';
/** Login names for the [username] of other services' templates (a database user is not the SSH user). */
const TEMPLATE_USERS = 'remoteit.templateUsers';
const SSH_FOLDERS = 'remoteit.sshFolders';

interface Question {
  title: string;
  prompt: string;
  value: string;
  /** An empty answer is a valid one ("none"), remembered like any other. */
  optional: boolean;
}

export class ServiceAnswers {
  constructor(
    private readonly memento: vscode.Memento,
    /** The settings snapshot of the moment (read at each question, never cached). */
    private readonly settings: () => Settings,
  ) {}

  /** The SSH user: the setting, else remembered per service, else asked once. */
  async sshUser(serviceId: string, name: string): Promise<string | undefined> {
    const configured = this.settings()['ssh.user'];
    if (configured) {
      const user = parseSshUser(configured);
      if (user) return user;
      const fix = 'Open Settings';
      void vscode.window
        .showErrorMessage(`remote.it: the remoteit.ssh.user setting "${plain(configured, 40)}" is not a valid login name (letters, digits, _ . - @).`, fix)
        .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', 'remoteit.ssh.user'));
      return undefined;
    }
    return this.rememberedUser(SSH_USERS, serviceId, {
      title: `SSH user for ${plain(name)}`,
      prompt: 'The user name to log in as on the device (remembered for this service)',
      value: parseSshUser(os.userInfo().username) ?? '',
      optional: false,
    });
  }

  /** The [username] of a launch template: remembered per service, else asked once; '' when the user leaves it out. */
  templateUser(serviceId: string, name: string): Promise<string | undefined> {
    return this.rememberedUser(TEMPLATE_USERS, serviceId, {
      title: `User name for ${plain(name)}`,
      prompt: 'The user name its client logs in as, e.g. a database user (remembered for this service). Leave empty for none.',
      value: '',
      optional: true,
    });
  }

  /** The folder a window opens on the service: remembered, else asked once (empty: no folder, also remembered). */
  async sshFolder(serviceId: string, name: string, suggestion: string): Promise<string | undefined> {
    const remembered = this.remembered(SSH_FOLDERS)[serviceId];
    if (remembered === '') return undefined;
    const known = parseRemoteFolder(remembered);
    if (known) return known;
    const answer = await vscode.window.showInputBox({
      title: `Folder to open on ${plain(name)}`,
      prompt: 'An absolute folder on the device, opened in the new window (remembered for this service). Leave empty to open no folder.',
      value: suggestion,
      validateInput: (v) => (v.trim() === '' || parseRemoteFolder(v) ? undefined : 'Enter an absolute folder such as /home/pi, or leave it empty'),
    });
    if (answer === undefined) return undefined;
    const folder = answer.trim() === '' ? '' : parseRemoteFolder(answer);
    if (folder === undefined) return undefined;
    await this.remember(SSH_FOLDERS, serviceId, folder);
    return folder || undefined;
  }

  private async rememberedUser(key: string, serviceId: string, ask: Question): Promise<string | undefined> {
    const remembered = this.remembered(key)[serviceId];
    if (ask.optional && remembered === '') return '';
    const known = parseSshUser(remembered);
    if (known) return known;
    const answer = await vscode.window.showInputBox({
      title: ask.title,
      prompt: ask.prompt,
      value: ask.value,
      validateInput: (v) => ((ask.optional && v.trim() === '') || parseSshUser(v) ? undefined : 'Enter a login name: letters, digits, _ . - @'),
    });
    if (answer === undefined) return undefined;
    const user = ask.optional && answer.trim() === '' ? '' : parseSshUser(answer);
    if (user === undefined) return undefined;
    await this.remember(key, serviceId, user);
    return user;
  }

  private remembered(key: string): Record<string, unknown> {
    return this.memento.get<Record<string, unknown>>(key, {});
  }

  /** Re-reads right before writing: another window may have remembered an answer for another service meanwhile. */
  private async remember(key: string, serviceId: string, value: string): Promise<void> {
    await this.memento.update(key, { ...this.remembered(key), [serviceId]: value });
  }
}
