// Composition root: builds the core services and the VS Code adapters, and tears everything down again.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { ACTIVATE_MEASURE } from './userTimings';
import type { RemoteItExtensionApi } from './api';
import { DeviceStore, OWN_ACCOUNT } from './core/account/deviceStore';
import type { ConnectionManager } from './core/connections/manager';
import { RecentServices } from './core/connections/recentServices';
import { ServicePreferenceStore } from './core/connections/servicePreferences';
import { describeError } from './core/describeError';
import { MAX_MESSAGE_LENGTH, plain } from './core/untrusted/text';
import { AccountClient } from './vscode/accountClient';
import { AccountPicker } from './vscode/accountPicker';
import { SignIn } from './vscode/auth';
import { registerCommands } from './vscode/commands';
import { ConnectFlow } from './vscode/connectFlow';
import { logConnectdOutput } from './vscode/connectionLog';
import { ConnectionNotifier } from './vscode/connectionNotifier';
import { DeveloperKeyStore } from './vscode/developerKey';
import { createEngine } from './vscode/engine';
import { createLog } from './vscode/log';
import { Opener } from './vscode/open';
import { wireReactions } from './vscode/reactions';
import { RefreshScheduler } from './vscode/refreshScheduler';
import { connectForThisWindow, windowServiceId } from './vscode/remoteWindow';
import { SessionStore } from './vscode/session';
import { SettingsSource } from './vscode/settings';
import { ConnectionStatusBar } from './vscode/statusBar';
import { ConnectdTasks, TASK_TYPE } from './vscode/tasks';
import { DevicesTree } from './vscode/tree';
import { ViewState } from './vscode/viewState';

let manager: ConnectionManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<RemoteItExtensionApi> {
  const started = performance.now();
  const log = createLog();
  const settings = new SettingsSource();
  const sessions = new SessionStore(context.secrets);
  const developerKey = new DeveloperKeyStore(context.secrets);
  const client = new AccountClient({
    sessions,
    settings: () => ({ apiUrl: settings.current.apiUrl, signatureScheme: settings.current.signatureScheme }),
    developerKey,
    log,
    version: context.extension.packageJSON.version as string,
  });
  const accounts = new AccountPicker(client, sessions, context.globalState);
  const store = new DeviceStore(
    {
      account: () => accounts.accountId() ?? OWN_ACCOUNT,
      listDevices: (options) => client.listDevices({ ...options, accountId: accounts.accountId() }),
    },
    log,
  );
  const engine = createEngine(context, sessions, client, settings, log);
  manager = engine.manager;
  const view = new ViewState(context.globalState, store, sessions, () => accounts.label());
  const tree = new DevicesTree(store, engine.manager, view.options);
  const treeView = vscode.window.createTreeView('remoteit.services', { treeDataProvider: tree, showCollapseAll: true });
  view.attach(tree, treeView);
  const memento = { get: <T>(key: string) => context.globalState.get<T>(key), set: (key: string, value: unknown) => context.globalState.update(key, value) };
  const recent = new RecentServices(memento);
  const prefs = new ServicePreferenceStore(memento);
  const flow = new ConnectFlow(engine.manager, store, sessions, settings, prefs, log);
  const tasks = new ConnectdTasks(engine.manager, store, flow, () => ({ favourites: view.options().favourites, recent: recent.list() }));
  flow.useTasks(tasks);
  const opener = new Opener(store, context.globalState, context.globalStorageUri.fsPath, log, () => store.listedAccount ?? OWN_ACCOUNT, () => settings.current, context.extension.extensionKind);
  const statusBar = new ConnectionStatusBar(engine.manager, settings);
  const signIn = new SignIn(sessions, client, developerKey, context.globalState, () => ({ credentialsFile: settings.current.credentialsFile }), log);
  const diagnosticsChannel = vscode.window.createOutputChannel('remote.it Network Diagnostics');

  context.subscriptions.push(
    log, settings, sessions, accounts, store, tree, treeView, statusBar, diagnosticsChannel,
    new RefreshScheduler(store, treeView, sessions, settings),
    new ConnectionNotifier(engine.manager, flow, store, settings, prefs, log),
    logConnectdOutput(engine.manager, log),
    opener.followPorts(engine.manager.onDidChange),
    vscode.tasks.registerTaskProvider(TASK_TYPE, tasks),
    ...registerCommands({
      sessions, signIn, accounts, store, manager: engine.manager,
      flow, prefs, opener, view, statusBar, log, diagnostics: engine.diagnostics,
      showDiagnostics: (transcript) => {
        diagnosticsChannel.replace(transcript);
        diagnosticsChannel.show(true);
      },
      signedOut: () => opener.clearSshHosts(),
    }),
    ...wireReactions({ store, sessions, manager: engine.manager, view, opener, recent, settings, findConnectd: engine.connectdPath, connectdVersion: engine.connectdVersion, log, updateWelcomeContext: () => signIn.updateWelcomeContext() }),
  );

  // Nothing flashes: the welcome view waits for `remoteit.state`, which load() sets once the secret is read.
  const startUp = (async () => {
    const session = await sessions.load();
    view.updateChrome();
    void signIn.updateWelcomeContext();
    if (session) {
      void store.refresh().catch(() => undefined);
      void engine.manager.restore();
      await connectForThisWindow(engine.manager, store, log);
    } else {
      // A crashed window's connectd and provisioning files (which hold the auth hash) go even when signed out.
      void engine.manager.restore({ startKept: false });
    }
  })().catch((err: unknown) => log.error(`Start-up failed: ${plain(describeError(err), MAX_MESSAGE_LENGTH)}`));
  // A Remote-SSH window on one of our aliases needs its connection before the host resolves, and VS Code waits
  // for activate() first: only that window waits here; everywhere else activation returns at once.
  if (windowServiceId()) await startUp;
  performance.measure(ACTIVATE_MEASURE, { start: started });

  return {
    account: () => sessions.session?.email,
    devices: () => store.devices,
    devicesError: () => store.error,
    connections: () => engine.manager.list(),
    connection: (id) => engine.manager.get(id),
    onDidChangeConnection: engine.manager.onDidChange,
    sshIncludeFile: () => opener.includeFile,
  };
}

/** Stops every connectd this window started (VS Code awaits the promise for a short while). */
export async function deactivate(): Promise<void> {
  await manager?.dispose();
  manager = undefined;
}
