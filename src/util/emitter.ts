// A tiny event emitter with VS Code's shape (`event(listener) → { dispose }`), so code outside the
// editor (the engine, the MCP server, the command line) publishes changes without `vscode`.

/** Subscribes a listener; the returned object unsubscribes it (vscode.Event accepts the same listener). */
export type Event<T> = (listener: (value: T) => unknown) => { dispose(): void };

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => unknown>();
  private disposed = false;

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    // Wrapped: the same function subscribed twice is two subscriptions, as in VS Code.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One failing listener must not keep the others from hearing the change (as in VS Code,
        // where it goes to the unexpected-error log); stderr, never stdout (the MCP protocol's).
        console.error('A listener failed:', error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
