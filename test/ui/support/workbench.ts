// A page object for the code-server workbench, with the selectors that work on VS Code 1.139.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
// The launcher is shared with the test scripts so every browser gets the same offline flags.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { launchChromium } = require('../../../scripts/lib/chromium.mjs') as { launchChromium(): Promise<BrowserContext> };

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the UI layer through \`npm run test:ui\``);
  }
  return value;
}

export class Workbench {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(): Promise<Workbench> {
    const context = await launchChromium();
    const page = await context.newPage();
    const url = `${requiredEnv('IMAGEGEN_UI_URL')}/?folder=${encodeURIComponent(requiredEnv('IMAGEGEN_UI_WORKSPACE'))}`;
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor();
    return new Workbench(context, page);
  }

  /** Runs a command from the palette; retries because an open palette misses late registrations. */
  async runCommand(title: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (true) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor();
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 3_000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) {
          throw error;
        }
      }
    }
  }

  /** ImageGen: Set API Key → pick the provider by its label → type the key into the password box. */
  async setApiKey(providerLabel: string, key: string): Promise<void> {
    await this.runCommand('ImageGen: Set API Key');
    await this.quickInput().locator('.monaco-list-row', { hasText: providerLabel }).click();
    await this.typeApiKey(key);
  }

  /** Types a key into ImageGen's password box (Set API Key, or Set Key… after a missing key). */
  async typeApiKey(key: string): Promise<void> {
    const input = this.quickInput().locator('input[type="password"]');
    await input.waitFor();
    await input.fill(key);
    await this.acceptQuickInput();
  }

  /** Opens a workspace file through Quick Open. */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(relativePath);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: relativePath.split('/').pop()! }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: relativePath.split('/').pop()! }).waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().click();
  }

  /**
   * Waits for a notification with this text: as a toast, or — toasts can hide before they are
   * seen — in the notification center, opened through its command.
   */
  async expectNotification(text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    const listed = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    const deadline = Date.now() + timeoutMs;
    while (true) {
      if (await toast.isVisible()) return toast;
      await this.runCommand('Notifications: Show Notifications');
      try {
        await listed.waitFor({ timeout: 2_000 });
        return listed;
      } catch (error) {
        if (Date.now() > deadline) {
          await this.screenshot('failed-notification');
          throw error;
        }
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Presses Enter until the quick input closes: an input box with validateInput ignores Enter
   * while the extension host is still validating what was typed.
   */
  async acceptQuickInput(): Promise<void> {
    const widget = this.quickInput();
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.page.keyboard.press('Enter');
      try {
        await widget.waitFor({ state: 'hidden', timeout: 1_000 });
        return;
      } catch {
        // Still open: validation was in flight; press again.
      }
    }
    throw new Error('the quick input did not accept Enter');
  }

  /** Accepts the preselected item of the quick pick step whose placeholder is `placeholder`. */
  async acceptDefault(placeholder: string): Promise<void> {
    const quick = this.quickInput();
    await quick.locator(`input[placeholder="${placeholder}"]`).waitFor();
    await quick.locator('.monaco-list-row.focused').waitFor();
    await this.page.keyboard.press('Enter');
    await quick.locator(`input[placeholder="${placeholder}"]`).waitFor({ state: 'detached' }).catch(() => undefined);
  }

  /** Shows the ImageGen sidebar view; clicking its icon while it is showing would hide it. */
  async showImageGenView(): Promise<void> {
    const item = this.page.locator('.activitybar .action-item', { has: this.page.locator('a[aria-label="ImageGen"]') });
    if (!((await item.getAttribute('class')) ?? '').includes('checked')) {
      await item.locator('a').click();
    }
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text });
  }

  /** Webview content is two iframes deep. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  }

  async screenshot(name: string): Promise<string> {
    const dir = requiredEnv('IMAGEGEN_RESULTS_DIR');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Runs `step`; if it fails, saves a screenshot named `name` first, so the failure can be seen. */
  async screenshotOnFailure<T>(name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await this.screenshot(`failed-${name}`).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
