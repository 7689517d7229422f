/** Anything that can be let go of (Disposal fits). */
export interface Disposal {
  dispose(): unknown;
}

/**
 * Disposes every item, newest first, even when some throw: one failing child must not keep the
 * others alive. The errors are thrown afterwards, together (as markdown-language-features'
 * disposeAll does).
 */
export function disposeAll(disposables: Iterable<Disposal>): void {
  const errors: unknown[] = [];
  for (const disposable of [...disposables].reverse()) {
    try {
      disposable.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) {
    throw errors[0];
  }
  if (errors.length > 1) {
    throw new AggregateError(errors, 'Encountered errors while disposing of store');
  }
}

/** Base class that owns child disposables and releases them, newest first, exactly once. */
export abstract class Disposable {
  private disposed = false;
  private readonly children: Disposal[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends Disposal>(child: T): T {
    if (this.disposed) {
      child.dispose();
    } else {
      this.children.push(child);
    }
    return child;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    disposeAll(this.children.splice(0));
  }
}

/** One disposable for several (what a capability's register() returns), released as disposeAll does, once. */
export function disposableOf(...items: Disposal[]): { dispose(): void } {
  return { dispose: () => disposeAll(items.splice(0)) };
}
