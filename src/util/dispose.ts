import type * as vscode from 'vscode';

/** Base class that owns child disposables and releases them, newest first, exactly once. */
export abstract class Disposable {
  private disposed = false;
  private readonly children: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends vscode.Disposable>(child: T): T {
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
    for (const child of this.children.splice(0).reverse()) {
      child.dispose();
    }
  }
}
