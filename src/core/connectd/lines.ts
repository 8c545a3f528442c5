// Turns a stream of output chunks into whole lines: partial lines wait for the next chunk, `\r\n` and
// `\r`-free `\n` both end a line, and a runaway line without any newline is cut so memory stays bounded.

const MAX_LINE = 64 * 1024;

export class LineSplitter {
  private pending = '';

  /** Lines completed by this chunk, without their line ends. */
  push(chunk: string): string[] {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    const lines = parts.map(stripCarriageReturn);
    while (this.pending.length > MAX_LINE) {
      lines.push(this.pending.slice(0, MAX_LINE));
      this.pending = this.pending.slice(MAX_LINE);
    }
    return lines;
  }

  /** The last line when the stream ended without a newline. */
  flush(): string[] {
    const rest = stripCarriageReturn(this.pending);
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
