// A Remote-SSH window opened on one of our managed aliases (for example from "Recent" after a restart) needs
// its connection running before Remote-SSH resolves the host. VS Code activates `onResolveRemoteAuthority`
// extensions and waits for their activation before resolving, so activate() waits here, bounded.
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import type { ConnectionManager } from '../core/connections/manager';
import { buildRequest } from '../core/connections/request';
import { serviceIdOfAuthority } from '../core/launch/sshConfig';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';

const READY_WAIT_MS = 30_000;
const SSH_APPLICATION = 28;

/** The remote.it service this window is a Remote-SSH window on (its managed alias), if any. */
export function windowServiceId(): string | undefined {
  const authority = vscode.workspace.workspaceFolders?.[0]?.uri.authority;
  return authority ? serviceIdOfAuthority(authority) : undefined;
}

export async function connectForThisWindow(manager: ConnectionManager, store: DeviceStore, log: vscode.LogOutputChannel): Promise<void> {
  const serviceId = windowServiceId();
  if (!serviceId) return;
  const authority = plain(vscode.workspace.workspaceFolders?.[0]?.uri.authority ?? '');
  // The account may not be loaded yet; the alias alone says it is an SSH service.
  const service = store.service(serviceId);
  const built = buildRequest(serviceId, { id: serviceId, name: service?.name ?? serviceId, application: service?.application ?? SSH_APPLICATION });
  if (!built.ok) return log.warn(`This window's remote authority ${authority} names no remote.it service: ${plain(built.problem, MAX_MESSAGE_LENGTH)}`);
  log.info(`This window is on ${authority}: starting its remote.it connection first`);
  const started = await manager.start(built.request);
  if (started.state === 'failed') return;
  await manager.waitUntilReady(started.id, READY_WAIT_MS).catch((err: unknown) => log.warn(`The connection for this window is not ready: ${plain(String(err), MAX_MESSAGE_LENGTH)}`));
}
