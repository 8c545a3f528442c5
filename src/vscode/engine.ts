// Builds the ConnectionManager for this window: real processes and sockets, settings read at each launch,
// credentials from the session, cloud-proxy calls through the account's API client, storage under the
// extension's global storage.
import * as vscode from 'vscode';
import { findConnectd, readConnectdVersion, type ConnectdVersion } from '../core/connectd/binary';
import { runDiagnostics } from '../core/connectd/diagnostics';
import { ChildProcessSpawner } from '../core/connectd/spawner';
import { engineSettingsOf } from '../core/connections/deps';
import { ConnectionManager } from '../core/connections/manager';
import { systemServices } from '../core/connections/system';
import type { AccountClient } from './accountClient';
import type { SessionStore } from './session';
import type { SettingsSource } from './settings';

export interface Engine {
  manager: ConnectionManager;
  diagnostics(): Promise<string>;
  /** The connectd this window would run; rejects with what to do when there is none. */
  connectdPath(): Promise<string>;
  /** What that connectd says of itself (`-h` banner), with a warning for versions this extension does not know. */
  connectdVersion(): Promise<ConnectdVersion>;
}

/** Synchronous, so activate() can register the view before its first await (no "no data provider" flash). */
export function createEngine(
  context: vscode.ExtensionContext,
  sessions: SessionStore,
  client: AccountClient,
  settings: SettingsSource,
  log: vscode.LogOutputChannel,
): Engine {
  // Folders below it are created (0700) by the engine when it first writes there.
  const storageDir = context.globalStorageUri.fsPath;
  const connectdPath = () => findConnectd({ setting: settings.current['connectd.path'] });
  const manager = new ConnectionManager({
    ...systemServices(),
    credentials: async () => {
      const s = sessions.session;
      return s ? { user: s.connectdUser, authHash: s.authHash } : undefined;
    },
    connectdPath,
    settings: () => engineSettingsOf(settings.current),
    storageDir,
    store: { get: (key) => context.globalState.get(key), set: (key, value) => context.globalState.update(key, value) },
    cloudProxy: {
      connect: (serviceId, hostIp) => client.connectProxy(serviceId, hostIp),
      disconnect: (serviceId, connectionId) => client.disconnectProxy(serviceId, connectionId),
    },
    logger: log,
  });
  return {
    manager,
    connectdPath,
    connectdVersion: async () => readConnectdVersion(await connectdPath(), new ChildProcessSpawner()),
    diagnostics: async () => runDiagnostics(await connectdPath(), new ChildProcessSpawner()),
  };
}
