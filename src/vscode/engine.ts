// Builds the ConnectionManager for this window: real processes and sockets, settings from `remoteit.*`,
// credentials from the session, storage under the extension's global storage.
import * as vscode from 'vscode';
import { findConnectd } from '../core/connectd/binary';
import { runDiagnostics } from '../core/connectd/diagnostics';
import { ChildProcessSpawner } from '../core/connectd/spawner';
import type { EngineSettings, LaunchMode } from '../core/connections/deps';
import { ConnectionManager } from '../core/connections/manager';
import { systemServices } from '../core/connections/system';
import type { SessionStore } from './session';
import { setting } from './settings';

export interface Engine {
  manager: ConnectionManager;
  diagnostics(): Promise<string>;
}

export async function createEngine(context: vscode.ExtensionContext, sessions: SessionStore, log: vscode.LogOutputChannel): Promise<Engine> {
  const storageDir = context.globalStorageUri.fsPath;
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  const connectdPath = () => findConnectd({ setting: setting('connectd.path', '') });
  const manager = new ConnectionManager({
    ...systemServices(),
    credentials: async () => {
      const s = sessions.session;
      return s ? { user: s.email, authHash: s.authHash } : undefined;
    },
    connectdPath,
    settings: engineSettings,
    storageDir,
    store: { get: (key) => context.globalState.get(key), set: (key, value) => context.globalState.update(key, value) },
    logger: log,
  });
  return {
    manager,
    diagnostics: async () => runDiagnostics(await connectdPath(), new ChildProcessSpawner()),
  };
}

function engineSettings(): EngineSettings {
  return {
    encryption: setting('connectd.encryption', 2),
    bindAddress: setting('connectd.bindAddress', '127.0.0.1'),
    restrictIp: setting('connectd.restrictIp', '0.0.0.0'),
    maxOutstanding: setting('connectd.maxOutstanding', 12),
    lifetimeMinutes: setting('connectd.lifetimeMinutes', 0),
    idleMinutes: setting('connectd.idleMinutes', 0),
    portRange: setting('ports.range', '33000-42999'),
    reconnect: setting('reconnect', true),
    launchMode: setting('connectd.launchMode', 'file') as LaunchMode,
  };
}
