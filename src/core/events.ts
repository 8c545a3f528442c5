// A minimal typed event emitter so the core can publish changes without importing `vscode`.
// Its shape matches vscode.Event so adapters can pass listeners straight through.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> {
  private listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A failing subscriber must not break the publisher or the other subscribers.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
