// When a connection changes, a row is redrawn only if what it shows changed. VS Code replaces a redrawn row's
// inline buttons and its click command (a device row takes its service rows with it), so a redraw on every
// throughput or uptime line of a chatty connectd would keep swallowing clicks on Open, Disconnect or a
// sibling's Connect.

export class DrawnRows {
  private readonly drawn = new Map<string, string>();

  /** The row was just drawn showing `shown` (whatever identifies its visible content). */
  record(id: string, shown: string): void {
    this.drawn.set(id, shown);
  }

  /** Whether the row must be redrawn to show `shown` (always, for a row not drawn yet). */
  differs(id: string, shown: string): boolean {
    return this.drawn.get(id) !== shown;
  }
}
