// Composition root: builds the core services and the VS Code adapters, and tears everything down again.
import * as vscode from 'vscode';
import type { RemoteItExtensionApi } from './api';
import type { ConnectionManager } from './core/connections/manager';
import { AccountClient } from './vscode/accountClient';
import { SignIn } from './vscode/auth';
import { registerCommands } from './vscode/commands';
import { Connector } from './vscode/connector';
import { DeviceStore } from './vscode/deviceStore';
import { createEngine } from './vscode/engine';
import { createLog } from './vscode/log';
import { Opener } from './vscode/open';
import { ProxyConnections } from './vscode/proxyConnections';
import { RefreshScheduler } from './vscode/refreshScheduler';
import { connectForThisWindow } from './vscode/remoteWindow';
import { SessionStore } from './vscode/session';
import { ConnectionStatusBar } from './vscode/statusBar';
import { ConnectdTaskProvider, TASK_TYPE } from './vscode/tasks';
import { DevicesTree } from './vscode/tree';
import { ViewState } from './vscode/viewState';

let manager: ConnectionManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<RemoteItExtensionApi> {
  const log = createLog();
  const sessions = new SessionStore(context.secrets);
  const client = new AccountClient(sessions, log, context.extension.packageJSON.version as string);
  const store = new DeviceStore(client, log);
  const engine = createEngine(context, sessions, log);
  manager = engine.manager;
  const view = new ViewState(context.globalState, store, sessions);
  const proxies = new ProxyConnections(client, log);
  const tree = new DevicesTree(store, engine.manager, proxies, view.options);
  const treeView = vscode.window.createTreeView('remoteit.services', { treeDataProvider: tree, showCollapseAll: true });
  view.attach(tree, treeView);
  const tasks: ConnectdTaskProvider = new ConnectdTaskProvider(engine.manager, store, (d) => connector.requestForTask(d));
  const connector: Connector = new Connector(engine.manager, tasks, store, sessions, log, (s, reason) => proxies.connect(s, reason).then(() => undefined));
  const opener = new Opener(store, context.globalState, context.globalStorageUri.fsPath, log);
  const scheduler = new RefreshScheduler(store, treeView, sessions);
  let signInPrompted = false;

  context.subscriptions.push(
    log, sessions, store, tree, treeView, proxies, connector, scheduler,
    new ConnectionStatusBar(engine.manager),
    opener.followPorts(engine.manager.onDidChange),
    vscode.tasks.registerTaskProvider(TASK_TYPE, tasks),
    ...registerCommands({
      sessions, signIn: new SignIn(sessions, client, context.globalState, log), store, manager: engine.manager,
      connector, opener, proxies, tree, view, log, diagnostics: engine.diagnostics,
    }),
    store.onDidChange(() => {
      view.updateChrome();
      if (store.needsSignIn && !signInPrompted) {
        signInPrompted = true; // once per rejection, not once per refresh
        void vscode.window
          .showWarningMessage(`remote.it: ${store.error ?? 'your sign-in is no longer accepted.'}`, 'Sign In Again')
          .then((c) => c && vscode.commands.executeCommand('remoteit.signIn'));
      }
      if (!store.needsSignIn) signInPrompted = false;
    }),
    engine.manager.onDidChange((s) => {
      const live = engine.manager.list().some((c) => c.state !== 'idle' && c.state !== 'failed');
      void vscode.commands.executeCommand('setContext', 'remoteit.activeConnections', live);
      if (s.state === 'failed' && s.failure?.action === 'signIn') void store.refresh().catch(() => undefined);
    }),
    sessions.onDidChange((session) => {
      if (session) void store.refresh().catch(() => undefined);
      else store.clear();
      view.updateChrome();
    }),
  );

  // Nothing flashes: the welcome view waits for `remoteit.state`, which load() sets once the secret is read.
  const session = await sessions.load();
  view.updateChrome();
  if (session) {
    void store.refresh().catch(() => undefined);
    void engine.manager.restore();
    await connectForThisWindow(engine.manager, log);
  }

  return {
    account: () => sessions.session?.email,
    devices: () => store.devices,
    devicesError: () => store.error,
    connections: () => engine.manager.list(),
    connection: (id) => engine.manager.get(id),
    onDidChangeConnection: engine.manager.onDidChange,
    proxyConnection: (id) => proxies.get(id),
    sshIncludeFile: () => opener.includeFile,
  };
}

/** Stops every connectd this window started (VS Code awaits the promise for a short while). */
export async function deactivate(): Promise<void> {
  await manager?.dispose();
  manager = undefined;
}
