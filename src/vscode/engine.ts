// Builds the ConnectionManager for this window: real processes and sockets, settings from `remoteit.*`,
// credentials from the session, storage under the extension's global storage.
import * as vscode from 'vscode';
import { findConnectd } from '../core/connectd/binary';
import { runDiagnostics } from '../core/connectd/diagnostics';
import { ChildProcessSpawner } from '../core/connectd/spawner';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings, type LaunchMode } from '../core/connections/deps';
import { ConnectionManager } from '../core/connections/manager';
import { systemServices } from '../core/connections/system';
import type { SessionStore } from './session';
import { setting } from './settings';

export interface Engine {
  manager: ConnectionManager;
  diagnostics(): Promise<string>;
}

/** Synchronous, so activate() can register the view before its first await (no "no data provider" flash). */
export function createEngine(context: vscode.ExtensionContext, sessions: SessionStore, log: vscode.LogOutputChannel): Engine {
  // Folders below it are created (0700) by the engine when it first writes there.
  const storageDir = context.globalStorageUri.fsPath;
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
  const d = DEFAULT_ENGINE_SETTINGS;
  return {
    encryption: setting('connectd.encryption', d.encryption),
    bindAddress: setting('connectd.bindAddress', d.bindAddress),
    restrictIp: setting('connectd.restrictIp', d.restrictIp),
    maxOutstanding: setting('connectd.maxOutstanding', d.maxOutstanding),
    lifetimeMinutes: setting('connectd.lifetimeMinutes', d.lifetimeMinutes),
    idleMinutes: setting('connectd.idleMinutes', d.idleMinutes),
    portRange: setting('ports.range', d.portRange),
    reconnect: setting('reconnect', d.reconnect),
    launchMode: setting('connectd.launchMode', d.launchMode) as LaunchMode,
  };
}
