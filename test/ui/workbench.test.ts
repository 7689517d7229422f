import { strict as assert } from 'node:assert';
import { existsSync, statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Workbench } from './support/workbench';

let workbench: Workbench;

before(async () => {
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
});

test('Show Tasks runs from the command palette and the status bar item appears', async () => {
  await workbench.runCommand('ImageGen: Show Tasks');
  const quickInput = workbench.quickInput();
  await quickInput.locator('input[placeholder="No running or recent tasks."]').waitFor();
  await workbench.screenshot('01-show-tasks-palette');
  await workbench.page.keyboard.press('Escape');

  const item = workbench.statusBarItem('ImageGen');
  await item.waitFor();
  assert.match((await item.textContent()) ?? '', /ImageGen/);
  // Clicking the status bar item opens the same task list.
  await item.click();
  await quickInput.locator('input[placeholder="No running or recent tasks."]').waitFor();
  await workbench.page.keyboard.press('Escape');
});

test('Open Image Studio shows the webview, which answers a click by running a host command', async () => {
  await workbench.runCommand('ImageGen: Open Image Studio');
  const studio = workbench.webview();
  // The task list only renders after the host answered the webview's `ready` with state.
  await studio.locator('text=No running or recent tasks.').waitFor({ timeout: 30_000 });
  await studio.locator('h2', { hasText: 'Tasks' }).waitFor();
  await workbench.screenshot('02-image-studio');

  await studio.locator('#show-tasks').click();
  await workbench.quickInput().locator('input[placeholder="No running or recent tasks."]').waitFor();
  const path = await workbench.screenshot('03-studio-button-opens-tasks');
  assert.ok(existsSync(path) && statSync(path).size > 10_000, 'a real PNG screenshot was written');
  await workbench.page.keyboard.press('Escape');
});
