import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImageGenApi } from '../../src/extension';

export const extensionId = 'imagegen.imagegen';

export function getExtension(): vscode.Extension<ImageGenApi> {
  const extension = vscode.extensions.getExtension<ImageGenApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  return extension;
}

export async function activatedApi(): Promise<ImageGenApi> {
  return getExtension().activate();
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value as T;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function webviewTabs(viewTypeSuffix: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewTypeSuffix));
}
