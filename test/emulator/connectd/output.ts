// connectd's stdout: one write per line so a reader on a pipe sees each line when it happens (the real binary
// block-buffers a pipe, so its lines can come in bursts; readers must not depend on either). Without -s the `!!`
// lines are not printed; -q drops the banner. After the exit sequence nothing more is printed.
import { BANNER, exitLine, line, sessionCounters } from './messages';

export class Output {
  private ended = false;

  constructor(private readonly opts: { status: boolean; quiet: boolean }) {
    // A reader that went away must not turn the next line into a crash.
    process.stdout.on('error', () => undefined);
  }

  line(text: string): void {
    if (this.ended || (!this.opts.status && text.startsWith('!!'))) return;
    process.stdout.write(`${text}\n`);
  }

  banner(): void {
    if (!this.opts.quiet) for (const text of BANNER) this.line(text);
  }

  /**
   * connectd 4.6's exit sequence: the `!!exit` line, `connectd terminated, freeing up resources`, the five
   * session counters, then the process ends with the same code once stdout has taken them. The returned
   * promise never settles, so an awaiting flow stops where it is.
   */
  exit(code: number, message: string, session: { txBytes: number; rxBytes: number } = { txBytes: 0, rxBytes: 0 }): Promise<never> {
    if (!this.ended) {
      for (const text of [exitLine(code, message), line.terminated, ...sessionCounters(session.txBytes, session.rxBytes)]) this.line(text);
      this.ended = true;
      endProcess(code);
    }
    return new Promise<never>(() => undefined);
  }
}

/** Exits once stdout has flushed what was written (or after a grace period if nobody reads it). */
export function endProcess(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
  setTimeout(() => process.exit(code), 2000);
}
