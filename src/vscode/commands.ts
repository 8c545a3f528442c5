// Every command the extension contributes, in one place. Commands accept a tree node, a service id (for
// tests, keybindings and other extensions), or nothing (then they ask with a quick pick).
import * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import type { ConnectionSnapshot } from '../core/connections/types';
import { connectionDetail, liveConnections } from '../core/presentation/connectionText';
import type { Service } from '../core/remoteit/model';
import type { SignIn } from './auth';
import type { Connector } from './connector';
import type { DeviceStore } from './deviceStore';
import { describeError } from './errors';
import type { Opener } from './open';
import type { ProxyConnections } from './proxyConnections';
import type { SessionStore } from './session';
import type { DevicesTree, TreeNode } from './tree';
import type { ViewState } from './viewState';

export interface CommandDeps {
  sessions: SessionStore;
  signIn: SignIn;
  store: DeviceStore;
  manager: ConnectionManager;
  connector: Connector;
  opener: Opener;
  proxies: ProxyConnections;
  tree: DevicesTree;
  view: ViewState;
  log: vscode.LogOutputChannel;
  diagnostics: () => Promise<string>;
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
      if (!direct) void vscode.window.showErrorMessage(`remote.it: no service ${target} in this account. Refresh the device list and try again.`);
      return direct;
    }
    if (d.store.devices.length === 0) await d.store.refresh().catch(() => undefined);
    const items = d.store.devices.flatMap((device) =>
      device.services.map((service) => ({
        label: service.name,
        description: device.name,
        detail: service.state === 'active' ? undefined : 'offline',
        service,
      })),
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
    const items = live.map((c) => ({ label: c.request.name, description: connectionDetail(c), connection: c }));
    return (await vscode.window.showQuickPick(items, { placeHolder }))?.connection;
  };

  /** Load the account right after a successful sign-in, so the command finishes with the tree filled. */
  const afterSignIn = async (signedIn: Promise<boolean>): Promise<void> => {
    if (await signedIn) await d.store.refresh().catch(() => undefined);
  };

  const readyOnly = (all: readonly ConnectionSnapshot[]) => all.filter((c) => c.state === 'ready');

  const commands: Record<string, (...args: any[]) => unknown> = {
    'remoteit.signIn': (preset?: { email?: string; password?: string }) => afterSignIn(d.signIn.withPassword(preset)),
    'remoteit.signInWithAuthHash': (preset?: { email?: string; authHash?: string }) => afterSignIn(d.signIn.withAuthHash(preset)),
    'remoteit.signInWithAccessKey': (preset?: { profile?: string; authHash?: string }) => afterSignIn(d.signIn.withAccessKey(preset)),
    'remoteit.signOut': async () => {
      const live = liveConnections(d.manager.list());
      if (live.length > 0) {
        const stop = `Sign Out and Disconnect ${live.length}`;
        if ((await vscode.window.showWarningMessage('Signing out closes your open remote.it connections.', { modal: true }, stop)) !== stop) return;
      }
      await d.manager.stopAll();
      await d.sessions.clear();
      d.store.clear();
      d.log.info('Signed out');
    },
    'remoteit.refresh': () =>
      d.store.refresh().catch((err) => {
        void vscode.window.showErrorMessage(`remote.it: could not load your devices: ${describeError(err)}`, 'Retry').then((c) => {
          if (c) void vscode.commands.executeCommand('remoteit.refresh');
        });
      }),
    'remoteit.filter': () => d.view.askFilter(),
    'remoteit.clearFilter': () => d.view.setFilter(''),
    'remoteit.toggleOnlineOnly': () => d.view.toggleOnlineOnly(),
    'remoteit.toggleFavourite': (target: Target) => {
      if (typeof target === 'object' && target?.kind === 'device') d.view.toggleFavourite(target.id);
    },
    'remoteit.connect': async (target: Target) => {
      const service = await pickService(target, 'Connect to which service?');
      if (service) await d.connector.connect(service);
    },
    'remoteit.connectProxy': async (target: Target, options?: { hostIp?: string }) => {
      const service = await pickService(target, 'Connect to which service through the remote.it proxy?');
      if (service) await d.proxies.connect(service, undefined, options?.hostIp);
    },
    'remoteit.disconnect': async (target: Target) => {
      const service = serviceOf(target);
      if (service && d.proxies.get(service.id)) await d.proxies.disconnect(service.id);
      const c = await pickConnection(target, 'Disconnect which connection?');
      if (c && c.state !== 'idle') await d.connector.disconnect(c.id);
    },
    'remoteit.disconnectAll': () => Promise.all([d.manager.stopAll(), d.proxies.disconnectAll()]),
    'remoteit.sort': () => d.view.askSort(),
    'remoteit.open': async (target: Target) => {
      const service = serviceOf(target);
      const proxy = service && d.proxies.get(service.id);
      if (service && proxy && d.manager.get(service.id)?.state !== 'ready') return d.opener.openProxy(service.id, service.name, proxy);
      const c = await pickConnection(target, 'Open which connection?', readyOnly);
      if (c?.state === 'ready') await d.opener.open(c);
      else if (c) void vscode.window.showWarningMessage(`remote.it: ${c.request.name} is not connected yet.`);
    },
    'remoteit.copyAddress': async (target: Target) => {
      const c = await pickConnection(target, 'Copy the address of which connection?', readyOnly);
      if (c?.port) {
        await vscode.env.clipboard.writeText(`127.0.0.1:${c.port}`);
        void vscode.window.setStatusBarMessage(`Copied 127.0.0.1:${c.port}`, 3000);
      }
    },
    'remoteit.toggleKeepConnected': async (target: Target) => {
      const service = serviceOf(target);
      if (service) await d.connector.toggleKeepConnected(service);
    },
    'remoteit.statusBarClick': async () => {
      const live = liveConnections(d.manager.list());
      if (live.length === 1 && live[0].state === 'ready') return d.opener.open(live[0]);
      return vscode.commands.executeCommand('remoteit.showConnections');
    },
    'remoteit.showConnections': async () => {
      const c = await pickConnection(undefined, 'remote.it connections: pick one to open');
      if (!c) return;
      const actions = c.state === 'ready' ? ['Open', 'Copy Address', 'Disconnect'] : ['Disconnect', 'Show Log'];
      const action = await vscode.window.showQuickPick(actions, { placeHolder: `${c.request.name}: ${connectionDetail(c)}` });
      if (action === 'Open') await d.opener.open(c);
      if (action === 'Copy Address') await vscode.commands.executeCommand('remoteit.copyAddress', c.id);
      if (action === 'Disconnect') await d.connector.disconnect(c.id);
      if (action === 'Show Log') d.log.show();
    },
    'remoteit.showLog': () => d.log.show(),
    'remoteit.networkDiagnostics': () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'remote.it: running connectd network diagnostics…' }, async () => {
        try {
          const transcript = await d.diagnostics();
          const doc = await vscode.workspace.openTextDocument({ content: transcript, language: 'log' });
          await vscode.window.showTextDocument(doc, { preview: true });
        } catch (err) {
          void vscode.window.showErrorMessage(`remote.it: network diagnostics could not run: ${describeError(err)}`, 'Show Log').then((c) => c && d.log.show());
        }
      }),
  };

  return Object.entries(commands).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        // Last line of defence: a command never fails silently or with a stack trace.
        d.log.error(`${id} failed: ${describeError(err)}`);
        void vscode.window.showErrorMessage(`remote.it: ${describeError(err)}`, 'Show Log').then((c) => c && d.log.show());
        return undefined;
      }
    }),
  );
}
