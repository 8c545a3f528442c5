// When a connection changes, its device row is redrawn only if the count of live connections it shows changed.
// VS Code redraws a device row together with its service rows, which replaces their inline buttons: a redraw on
// every throughput line (about once a second per connection) would keep swallowing clicks on a sibling's Connect.

export class DrawnLiveCounts {
  private readonly drawn = new Map<string, number>();

  /** The device row was just drawn showing `live` connections. */
  record(deviceId: string, live: number): void {
    this.drawn.set(deviceId, live);
  }

  /** Whether the row must be redrawn to show `live` connections (always, for a row not drawn yet). */
  differs(deviceId: string, live: number): boolean {
    return this.drawn.get(deviceId) !== live;
  }
}
