// Every command the extension registers, keyed by its typed id. Commands accept a tree node, a service id
// (keybindings, other extensions, tests), or nothing (then they ask with a quick pick). Connections of both
// routes (peer-to-peer and cloud proxy) are handled alike: the manager knows them all.
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import { describeError } from '../core/describeError';
import type { ConnectionManager } from '../core/connections/manager';
import type { RoutePreference, ServicePreferenceStore } from '../core/connections/servicePreferences';
import { parsePort } from '../core/untrusted/formats';
import type { ConnectionSnapshot } from '../core/connections/types';
import { address, connectionDetail, connectionTitle, isLive, liveConnections } from '../core/presentation/connectionText';
import type { Service } from '../core/remoteit/model';
import { serviceOnline } from '../core/remoteit/reachability';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import { COMMANDS, INTERNAL_COMMANDS, type CommandName } from '../commandIds';
import type { AccountPicker } from './accountPicker';
import type { SignIn } from './auth';
import type { ConnectFlow } from './connectFlow';
import type { Opener } from './open';
import { pickOne } from './quickPick';
import type { SessionStore } from './session';
import type { ConnectionStatusBar } from './statusBar';
import type { TreeNode } from './tree';
import type { ViewState } from './viewState';

export interface CommandDeps {
  sessions: SessionStore;
  signIn: SignIn;
  accounts: AccountPicker;
  store: DeviceStore;
  manager: ConnectionManager;
  flow: ConnectFlow;
  prefs: ServicePreferenceStore;
  opener: Opener;
  view: ViewState;
  statusBar: ConnectionStatusBar;
  log: vscode.LogOutputChannel;
  diagnostics: () => Promise<string>;
  /** Runs the network diagnostics and shows them in their own output channel. */
  showDiagnostics: (transcript: string) => void;
  /** Called after a sign-out, with the windows' connections stopped. */
  signedOut: () => Promise<void>;
}

type Target = TreeNode | string | undefined;

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const serviceOf = (target: Target): Service | undefined => {
    if (typeof target === 'string') return d.store.service(target);
    return target?.kind === 'service' ? target.service : undefined;
  };

  const pickService = async (target: Target, placeHolder: string): Promise<Service | undefined> => {
    const direct = serviceOf(target);
    if (direct || typeof target === 'string') {
      if (!direct) void vscode.window.showErrorMessage(`remote.it: no service ${plain(target)} in this account. Refresh the device list and try again.`);
      return direct;
    }
    if (d.store.devices.length === 0) await d.store.refresh().catch(() => undefined);
    const items = d.store.devices.flatMap((device) =>
      device.services.map((service) => {
        const c = d.manager.get(service.id);
        const live = c !== undefined && isLive(c);
        return {
          label: `${live ? '$(plug) ' : ''}${plain(service.name)}`,
          description: live ? `${plain(device.name)} · ${connectionDetail(c)}` : plain(device.name),
          detail: serviceOnline(service, device) ? undefined : 'offline',
          service,
        };
      }),
    );
    return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.service;
  };

  const pickConnection = async (target: Target, placeHolder: string, include = liveConnections): Promise<ConnectionSnapshot | undefined> => {
    const id = typeof target === 'string' ? target : target?.kind === 'service' ? target.service.id : undefined;
    if (id) return d.manager.get(id);
    const live = include(d.manager.list());
    if (live.length === 0) {
      void vscode.window.showInformationMessage('remote.it: no connection is open. Connect a service from the remote.it view first.');
      return undefined;
    }
    if (live.length === 1) return live[0];
    const items = live.map((c) => ({ label: connectionTitle(c), description: connectionDetail(c), connection: c }));
    return (await vscode.window.showQuickPick(items, { placeHolder }))?.connection;
  };

  /** Load the account right after a successful sign-in, so the command finishes with the tree filled. */
  const afterSignIn = async (signedIn: Promise<boolean>): Promise<void> => {
    if (await signedIn) await d.store.refresh().catch(() => undefined);
  };

  const readyOnly = (all: readonly ConnectionSnapshot[]) => all.filter((c) => c.state === 'ready');

  const openConnection = async (c: ConnectionSnapshot | undefined): Promise<void> => {
    if (c?.state === 'ready') await d.opener.open(c);
    else if (c) void vscode.window.showWarningMessage(`remote.it: ${plain(c.request.name)} is not connected yet.`);
  };

  const handlers: Record<CommandName, (...args: any[]) => unknown> = {
    signIn: (preset?: { email?: string; password?: string }) => afterSignIn(d.signIn.withPassword(preset)),
    signInWithAuthHash: (preset?: { email?: string; authHash?: string }) => afterSignIn(d.signIn.withAuthHash(preset)),
    signInWithAccessKey: (preset?: { profile?: string; authHash?: string }) => afterSignIn(d.signIn.withAccessKey(preset)),
    signOut: async () => {
      const live = liveConnections(d.manager.list());
      if (live.length > 0) {
        const stop = `Sign Out and Disconnect ${live.length}`;
        if ((await vscode.window.showWarningMessage('Signing out closes your open remote.it connections.', { modal: true }, stop)) !== stop) return;
      }
      await d.manager.stopAll();
      await d.sessions.clear();
      d.store.clear();
      await d.signedOut();
      d.log.info('Signed out');
    },
    switchAccount: async () => {
      if (await d.accounts.pick()) await d.store.refresh().catch(() => undefined);
    },
    setDeveloperKey: (preset?: { key?: string }) => d.signIn.setDeveloperKey(preset),
    refresh: () =>
      d.store.refresh().catch((err) => {
        void vscode.window.showErrorMessage(`remote.it: could not load your devices: ${plain(describeError(err), 300)}`, 'Retry').then((c) => {
          if (c) void vscode.commands.executeCommand(COMMANDS.refresh);
        });
      }),
    filter: () => d.view.askFilter(),
    clearFilter: () => d.view.setFilter(''),
    showOnlineOnly: () => d.view.setOnlineOnly(true),
    showAllDevices: () => d.view.setOnlineOnly(false),
    addFavourite: (target: Target) => typeof target === 'object' && target?.kind === 'device' && d.view.setFavourite(target.id, true),
    removeFavourite: (target: Target) => typeof target === 'object' && target?.kind === 'device' && d.view.setFavourite(target.id, false),
    connect: async (target: Target) => {
      const service = await pickService(target, 'Connect to which service?');
      const ready = service && (await d.flow.connect(service));
      if (ready) await d.opener.openAfterConnect(ready);
    },
    connectProxy: async (target: Target, options?: { hostIp?: string }) => {
      const service = await pickService(target, 'Connect to which service through the remote.it proxy?');
      const ready = service && (await d.flow.connectProxy(service, options?.hostIp));
      if (ready) await d.opener.openAfterConnect(ready);
    },
    disconnect: async (target: Target) => {
      const c = await pickConnection(target, 'Disconnect which connection?');
      if (c && c.state !== 'idle') await d.flow.disconnect(c.id);
    },
    disconnectAll: () => d.manager.stopAll(),
    sort: () => d.view.askSort(),
    open: async (target: Target) => openConnection(await pickConnection(target, 'Open which connection?', readyOnly)),
    copyAddress: async (target: Target) => {
      const c = await pickConnection(target, 'Copy the address of which connection?', readyOnly);
      const where = c && address(c);
      if (!where) return;
      await vscode.env.clipboard.writeText(where);
      void vscode.window.setStatusBarMessage(`$(check) Copied ${plain(where)}`, 3000);
    },
    copyCommand: async (target: Target) => {
      const c = await pickConnection(target, 'Copy the command of which connection?', readyOnly);
      if (c?.state === 'ready') await d.opener.copyCommand(c);
      else if (c) void vscode.window.showWarningMessage(`remote.it: ${plain(c.request.name)} is not connected yet.`);
    },
    setLocalPort: async (target: Target) => {
      const service = await pickService(target, 'Set the local port of which service?');
      if (!service) return;
      const current = d.prefs.get(service.id).port;
      const value = await vscode.window.showInputBox({
        title: `Local port for ${plain(service.name)}`,
        prompt: 'connectd listens on this port on this machine. Leave empty to let remote.it Connect choose a free one.',
        value: current === undefined ? '' : String(current),
        validateInput: (v) => (v.trim() === '' || parsePort(v) !== undefined ? undefined : 'Enter a port from 1 to 65535, or leave it empty'),
      });
      if (value === undefined) return;
      const port = value.trim() === '' ? undefined : parsePort(value);
      await d.prefs.set(service.id, { port });
      const live = d.manager.get(service.id);
      const note = live && isLive(live) && live.port !== port ? ' It applies the next time you connect.' : '';
      void vscode.window.setStatusBarMessage(`$(check) ${plain(service.name)}: ${port === undefined ? 'any free local port' : `local port ${port}`}.${note}`, 5000);
    },
    setRoute: async (target: Target) => {
      const service = await pickService(target, 'Set the route of which service?');
      if (!service) return;
      const current = d.prefs.get(service.id).route ?? 'auto';
      const choices: { label: string; detail: string; route: RoutePreference }[] = [
        { label: 'Automatic', detail: 'Peer-to-peer; offer the remote.it proxy when the device cannot be reached directly', route: 'auto' },
        { label: 'Peer-to-peer only', detail: 'Never through the remote.it proxy', route: 'p2p' },
        { label: 'remote.it proxy only', detail: 'Always through the remote.it cloud proxy (no connectd needed)', route: 'proxy' },
      ];
      const items = choices.map((c) => ({ ...c, description: c.route === current ? '$(check) current' : undefined }));
      const picked = await pickOne(items, { title: `How to reach ${plain(service.name)}`, active: items.find((c) => c.route === current) });
      if (!picked) return;
      await d.prefs.set(service.id, { route: picked.route === 'auto' ? undefined : picked.route });
      void vscode.window.setStatusBarMessage(`$(check) ${plain(service.name)}: ${picked.label}`, 4000);
    },
    keepConnected: async (target: Target) => {
      const service = serviceOf(target);
      if (service) await d.flow.setKeepConnected(service, true);
    },
    stopKeepingConnected: async (target: Target) => {
      const service = serviceOf(target);
      if (service) await d.flow.setKeepConnected(service, false);
    },
    statusBarClick: async (id?: string) => {
      const c = id ? d.manager.get(id) : undefined;
      if (!c) return vscode.commands.executeCommand(COMMANDS.showConnections);
      d.statusBar.seen(c.id);
      if (c.state === 'ready') return d.opener.open(c);
      return showConnection(c);
    },
    showMoreDevices: () => d.view.showMore(),
    showConnections: async () => {
      const c = await pickConnection(undefined, 'remote.it connections: pick one');
      if (c) await showConnection(c);
    },
    showLog: () => d.log.show(),
    networkDiagnostics: () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'remote.it: running connectd network diagnostics…' }, async () => {
        try {
          d.showDiagnostics(await d.diagnostics());
        } catch (err) {
          void vscode.window.showErrorMessage(`remote.it: network diagnostics could not run: ${plain(describeError(err), 300)}`, 'Show Log').then((c) => c && d.log.show());
        }
      }),
  };

  const showConnection = async (c: ConnectionSnapshot): Promise<void> => {
    const actions = c.state === 'ready' ? ['Open', 'Copy Address', 'Disconnect'] : c.state === 'failed' ? ['Retry', 'Show Log'] : ['Disconnect', 'Show Log'];
    const action = await vscode.window.showQuickPick(actions, { placeHolder: `${connectionTitle(c)}: ${connectionDetail(c)}` });
    if (action === 'Open') await d.opener.open(c);
    if (action === 'Copy Address') await vscode.commands.executeCommand(COMMANDS.copyAddress, c.id);
    if (action === 'Disconnect') await d.flow.disconnect(c.id);
    if (action === 'Retry') await d.flow.retry(c);
    if (action === 'Show Log') d.log.show();
  };

  const ids: Record<CommandName, string> = { ...COMMANDS, ...INTERNAL_COMMANDS };
  return (Object.keys(handlers) as CommandName[]).map((name) =>
    vscode.commands.registerCommand(ids[name], async (...args: unknown[]) => {
      try {
        return await handlers[name](...args);
      } catch (err) {
        // Last line of defence: a command never fails silently or with a stack trace.
        d.log.error(`${ids[name]} failed: ${plain(describeError(err), MAX_MESSAGE_LENGTH)}`);
        void vscode.window.showErrorMessage(`remote.it: ${plain(describeError(err), 300)}`, 'Show Log').then((c) => c && d.log.show());
        return undefined;
      }
    }),
  );
}
