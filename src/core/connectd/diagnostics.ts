// `connectd -n`: the network diagnostics transcript, for the "Run connectd Network Diagnostics" command.
import type { Clock } from '../clock';
import { diagnosticsArgs } from './args';
import { runToEnd } from './run';
import type { Spawner } from './spawner';

/** The full transcript, ending with a line that says how connectd finished. */
export async function runDiagnostics(connectdPath: string, spawner: Spawner, timeoutMs = 120_000, clock?: Clock): Promise<string> {
  const result = await runToEnd(spawner, connectdPath, diagnosticsArgs(), timeoutMs, clock);
  const end = result.timedOut
    ? `(stopped: no result after ${Math.round(timeoutMs / 1000)} s)`
    : result.exit.signal
      ? `(connectd ended by ${result.exit.signal})`
      : `(connectd exited with status ${result.exit.code})`;
  return [...result.lines, end].join('\n');
}
