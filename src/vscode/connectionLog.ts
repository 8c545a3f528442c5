// connectd's output in the extension's log: what matters at info, the per-second uptime and throughput lines
// at trace (the real connectd prints one every second), stderr as warnings. Secrets are already scrubbed.
import type * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import { plain } from '../core/untrusted/text';

const CHATTY = /^!!throughput|seconds since startup/;

export function logConnectdOutput(manager: ConnectionManager, log: vscode.LogOutputChannel): { dispose(): void } {
  return manager.onOutput(({ id, line, stream }) => {
    const name = plain(manager.get(id)?.request.name ?? id);
    const text = `[${name}] ${plain(line, 1000)}`;
    if (CHATTY.test(line)) log.trace(text);
    else if (stream === 'stderr') log.warn(text);
    else log.info(text);
  });
}
