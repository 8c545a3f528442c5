// What a connection's task terminal says, in plain words: state changes, clients coming and going, errors and
// the outcome with an exit code. The `$connectd` problem matcher in package.json matches these lines.
import { address } from '../presentation/connectionText';
import type { ConnectionSnapshot } from '../connections/types';
import { plain } from '../untrusted/text';

export const TASK_LINES = {
  /** The problem matcher's beginsPattern. */
  begin: 'remote.it: connecting…',
  /** The problem matcher's endsPattern: what follows is the address. */
  readyPrefix: 'remote.it: connected on ',
  errorPrefix: 'remote.it: error: ',
} as const;

export interface StoryStep {
  lines: string[];
  /** Set when the task ends: 0 after a disconnect the user asked for, 1 after a failure. */
  exitCode?: number;
}

export function taskStory(before: ConnectionSnapshot | undefined, now: ConnectionSnapshot): StoryStep {
  const lines: string[] = [];
  if (before?.state !== now.state) {
    switch (now.state) {
      case 'ready':
        if (now.portChangedFrom && before?.port !== now.port) lines.push(`remote.it: port ${now.portChangedFrom} was in use, so it moved to ${now.port}.`);
        lines.push(`${TASK_LINES.readyPrefix}${plain(address(now) ?? '', 200)}`);
        break;
      case 'reconnecting':
        lines.push(`remote.it: the connection dropped (${plain(now.failure?.message ?? 'connectd ended', 300)}); reconnecting, attempt ${now.reconnectAttempt}…`);
        break;
      case 'stopping':
        lines.push('remote.it: disconnecting…');
        break;
      case 'failed':
        return { lines: [...lines, `${TASK_LINES.errorPrefix}${plain(now.failure?.message ?? 'the connection failed', 300)}`], exitCode: 1 };
      case 'idle':
        return now.failure
          ? { lines: [...lines, `remote.it: closed: ${plain(now.failure.message, 300)}`], exitCode: 1 }
          : { lines: [...lines, 'remote.it: disconnected.'], exitCode: 0 };
      default:
        break;
    }
  }
  if (before && now.state === 'ready' && before.state === 'ready' && now.openTunnels !== before.openTunnels) {
    const n = now.openTunnels;
    lines.push(now.openTunnels > before.openTunnels ? `remote.it: a client connected (${n} open).` : `remote.it: a client disconnected (${n} open).`);
  }
  return { lines };
}
