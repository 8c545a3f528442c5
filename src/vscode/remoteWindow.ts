// A Remote-SSH window opened on one of our managed aliases (for example from "Recent" after a restart) needs
// its connectd running before Remote-SSH resolves the host. VS Code activates `onResolveRemoteAuthority`
// extensions and waits for their activation before resolving, so activate() waits here, bounded.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import { serviceIdOfAuthority } from '../core/launch/sshConfig';

const READY_WAIT_MS = 30_000;

export async function connectForThisWindow(manager: ConnectionManager, log: vscode.LogOutputChannel): Promise<void> {
  const authority = vscode.workspace.workspaceFolders?.[0]?.uri.authority;
  const serviceId = authority ? serviceIdOfAuthority(authority) : undefined;
  if (!serviceId) return;
  log.info(`This window is on ${authority}: starting its remote.it connection first`);
  const started = await manager.start({ serviceId, name: serviceId, application: 28 });
  if (started.state === 'failed') return;
  await manager.waitUntilReady(serviceId, READY_WAIT_MS).catch((err: unknown) => log.warn(`The connection for this window is not ready: ${String(err)}`));
}
