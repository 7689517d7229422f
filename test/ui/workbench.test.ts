// A person's path through ImageGen in a real workbench (code-server + Chromium), with the
// packaged extension installed and every provider pointed at the simulator.
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Workbench } from './support/workbench';

let workbench: Workbench;
const workspace = process.env.IMAGEGEN_UI_WORKSPACE!;

before(async () => {
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
});

function assetsPngs(): string[] {
  const dir = join(workspace, 'assets');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.png')) : [];
}

function pngSize(file: string): string {
  const bytes = readFileSync(file);
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function waitUntil<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function waitUntilAsync(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('Show Tasks runs from the palette and from the status bar item', async () => {
  await workbench.runCommand('ImageGen: Show Tasks');
  await workbench.quickInput().locator('input[placeholder="No running or recent tasks."]').waitFor();
  await workbench.screenshot('01-show-tasks-palette');
  await workbench.page.keyboard.press('Escape');
  const item = workbench.statusBarItem('ImageGen');
  await item.waitFor();
  await item.click();
  await workbench.quickInput().locator('input[placeholder="No running or recent tasks."]').waitFor();
  await workbench.page.keyboard.press('Escape');
});

test('Set API Key: pick a provider, type the key into a password box', async () => {
  await workbench.setApiKey('AIReiter', 'sim-key');
  await workbench.expectNotification(/API key for AIReiter saved/);
  await workbench.screenshot('02-api-key-saved');
  await workbench.page.keyboard.press('Escape');
});

test('Generate Image through the palette: Enter accepts each default; the PNG lands in assets/ and its link in the document', async () => {
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+End');
  await workbench.runCommand('ImageGen: Generate Image');
  const quick = workbench.quickInput();
  const promptInput = quick.locator('.quick-input-box input');
  await promptInput.fill('A harbour at sunset, watercolour');
  await workbench.page.keyboard.press('Enter');
  // Model, ratio, resolution: the defaults (aireiter:gpt_image_2, 1:1, 1K) are preselected.
  for (const step of ['Model', 'Aspect ratio']) {
    await workbench.acceptDefault(step);
  }
  // The back button returns to the previous step with its choice kept.
  await quick.locator('input[placeholder="Resolution"]').waitFor();
  await quick.locator('.quick-input-titlebar .codicon-quick-input-back, .quick-input-titlebar [aria-label="Back"]').first().click();
  await quick.locator('input[placeholder="Aspect ratio"]').waitFor();
  assert.match((await quick.locator('.monaco-list-row.focused').textContent()) ?? '', /1:1/);
  await workbench.acceptDefault('Aspect ratio');
  await workbench.acceptDefault('Resolution');
  // With images in the workspace the optional reference step comes first: Enter skips it.
  const confirm = quick.locator('.monaco-list-row', { hasText: 'Generate 1024x1024' });
  const references = quick.locator('input[placeholder^="Reference images"]');
  await confirm.or(references).first().waitFor();
  if (await references.isVisible()) {
    await workbench.page.keyboard.press('Enter');
  }
  await workbench.screenshotOnFailure('confirm-step', () => confirm.waitFor());
  await workbench.screenshot('03-generate-confirm-step');
  await workbench.page.keyboard.press('Enter');

  const running = workbench.statusBarItem(/ImageGen 1/);
  await running.waitFor({ timeout: 15_000 });
  await workbench.screenshot('04-status-bar-running');
  assert.match((await running.textContent()) ?? '', /ImageGen 1 · (\d+% · )?\d+:\d\d/);

  const file = await waitUntil('the image in assets/', () => assetsPngs().find((name) => name.startsWith('a-harbour-at-sunset-watercolour-')));
  assert.equal(pngSize(join(workspace, 'assets', file)), '1024x1024');
  await workbench.expectNotification(/Image ready/);
  await workbench.page.keyboard.press('Escape');
  await workbench.page.locator('.monaco-editor .view-lines').first().click();
  await workbench.page.keyboard.press('Control+S');
  const text = await waitUntil('the saved link', () => {
    const content = readFileSync(join(workspace, 'docs', 'notes.md'), 'utf8');
    return content.includes('![') ? content : undefined;
  });
  assert.ok(text.includes(`![A harbour at sunset, watercolour](../assets/${file})`), text);
  await workbench.statusBarItem(/^\s*ImageGen\s*$/).waitFor();
  await workbench.screenshot('05-palette-image-inserted');
});

test('no key for the chosen provider: asked right there, nothing written into the document; after the key, the same generation goes on', async () => {
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+End');
  const before = readFileSync(join(workspace, 'docs', 'notes.md'), 'utf8');
  await workbench.runCommand('ImageGen: Generate Image');
  const quick = workbench.quickInput();
  await quick.locator('.quick-input-box input').fill('A red fox in the snow');
  await workbench.page.keyboard.press('Enter');
  await quick.locator('input[placeholder="Model"]').waitFor();
  await quick.locator('.quick-input-box input').fill('Nano Banana');
  const focused = quick.locator('.monaco-list-row.focused');
  await focused.waitFor();
  assert.match((await focused.textContent()) ?? '', /Nano Banana(?! ?(2|Pro))/, 'the first match is Nano Banana itself');
  await workbench.page.keyboard.press('Enter');
  const confirm = quick.locator('.monaco-list-row', { hasText: /Generate .*image/ });
  const references = quick.locator('input[placeholder^="Reference images"]');
  for (let step = 0; step < 6 && !(await confirm.isVisible()); step++) {
    await workbench.screenshotOnFailure(`no-key-step-${step}`, () => quick.locator('.monaco-list-row.focused').or(confirm).or(references).first().waitFor());
    if (await confirm.isVisible()) break;
    await workbench.page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await workbench.page.keyboard.press('Enter');

  const asked = await workbench.expectNotification(/No API key for JimmyAI/);
  await workbench.screenshot('13-no-key-asked-nothing-inserted');
  await workbench.page.keyboard.press('Control+S');
  assert.equal(readFileSync(join(workspace, 'docs', 'notes.md'), 'utf8'), before, 'nothing inserted while the key is asked for');
  await asked.getByRole('button', { name: 'Set Key…' }).click();
  await workbench.typeApiKey('sim-key');
  const file = await waitUntil('the image after the key', () => assetsPngs().find((name) => name.startsWith('a-red-fox-in-the-snow-')));
  await workbench.page.locator('.monaco-editor .view-lines').first().click();
  await workbench.page.keyboard.press('Control+S');
  const text = await waitUntil('the link', () => {
    const content = readFileSync(join(workspace, 'docs', 'notes.md'), 'utf8');
    return content.includes(file) ? content : undefined;
  });
  assert.ok(text.includes(`![A red fox in the snow](../assets/${file})`), text);
  assert.doesNotMatch(text, /generation failed: .*A red fox/, 'no failure note');
  await workbench.screenshot('14-no-key-then-image-landed');
});

test('Generate from the sidebar studio: pick a ratio in the grid, submit, see it in the gallery', async () => {
  await workbench.openFile('README.md');
  await workbench.page.keyboard.press('Control+End');
  await workbench.page.locator('.activitybar .action-item a[aria-label="ImageGen"]').click();
  const studio = workbench.webview();
  const prompt = studio.locator('vscode-textarea#prompt textarea');
  await prompt.waitFor({ timeout: 30_000 });
  await prompt.fill('A paper crane on a desk');
  await studio.locator('button.ratio[data-ratio="16:9"]').click();
  // The draft survives hiding the view: switch to the Explorer and back.
  await workbench.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  await workbench.page.locator('.activitybar .action-item a[aria-label="ImageGen"]').click();
  await studio.locator('button.ratio.selected[data-ratio="16:9"]').waitFor({ timeout: 15_000 });
  assert.equal(await prompt.inputValue(), 'A paper crane on a desk');
  await studio.locator('#summary', { hasText: '1536x864' }).waitFor();
  // 4K stays enabled for gpt_image_2 16:9; the official model would disable 4K for 1:1.
  await workbench.screenshot('06-studio-sidebar-form');
  await studio.locator('vscode-button#generate').click();
  await studio.locator('.task-running, .task-queued').first().waitFor({ timeout: 10_000 });
  const item = studio.locator('.gallery-item').first();
  await item.locator('img').waitFor({ timeout: 30_000 });
  const file = await waitUntil('the sidebar image', () => assetsPngs().find((name) => name.startsWith('a-paper-crane-on-a-desk-')));
  assert.equal(pngSize(join(workspace, 'assets', file)), '1536x864');
  await workbench.page.keyboard.press('Control+S');
  const readme = await waitUntil('the README link', () => {
    const content = readFileSync(join(workspace, 'README.md'), 'utf8');
    return content.includes('![') ? content : undefined;
  });
  assert.ok(readme.includes(`![A paper crane on a desk](assets/${file})`), readme);
  const path = await workbench.screenshot('07-studio-gallery');
  assert.ok(statSync(path).size > 10_000, 'a real PNG screenshot was written');

  // Re-run from the gallery: the same settings make a second image of the same size.
  await item.locator('vscode-icon[data-action="rerun"]').click();
  const second = await waitUntil('the re-run image', () => assetsPngs().find((name) => name.startsWith('a-paper-crane-on-a-desk-') && name !== file));
  assert.equal(pngSize(join(workspace, 'assets', second)), '1536x864');
  await studio.locator('.gallery-item').nth(1).waitFor();
});

test('the studio says "Sending…" until the provider has accepted the task, never "Submitted." before; a refused request keeps the draft and says why', async () => {
  const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
  const inject = (fault: object) => fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: '*', fault, times: 1 }) });
  await workbench.openFile('README.md');
  const studio = workbench.webview();
  const prompt = studio.locator('vscode-textarea#prompt textarea');
  // The sidebar studio may still be open from the test before; clicking its icon again would close it.
  if (!(await prompt.isVisible().catch(() => false))) {
    await workbench.page.locator('.activitybar .action-item a[aria-label="ImageGen"]').click();
  }
  await prompt.waitFor({ timeout: 30_000 });
  const notice = studio.locator('p.notice');

  // The provider takes 3 s to answer the submission.
  await inject({ kind: 'slowHeaders', delayMs: 3000 });
  await prompt.fill('A slow start');
  await studio.locator('vscode-button#generate').click();
  await notice.filter({ hasText: 'Sending to the provider' }).waitFor({ timeout: 10_000 });
  assert.doesNotMatch(await notice.innerText(), /Submitted/);
  await notice.scrollIntoViewIfNeeded();
  await workbench.screenshot('15-studio-sending');
  await notice.filter({ hasText: /Submitted: the provider accepted the task|Done: the image is saved/ }).waitFor({ timeout: 20_000 });
  await notice.filter({ hasText: 'Done: the image is saved' }).waitFor({ timeout: 30_000 });

  // The provider refuses the next submission: the notice says why, the draft stays.
  await inject({ kind: 'status', status: 400 });
  await prompt.fill('A refused request');
  await studio.locator('vscode-button#generate').click();
  await notice.filter({ hasText: 'Not generated:' }).waitFor({ timeout: 20_000 });
  assert.equal(await prompt.inputValue(), 'A refused request');
  await notice.scrollIntoViewIfNeeded();
  await workbench.screenshot('16-studio-refused-draft-kept');
});

test('a task survives a window reload: polling resumes, the image lands where it was asked for, no second charge', async () => {
  const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
  const charges = async () => ((await (await fetch(`${simulator}/__sim/requests`)).json()) as { charges: number }).charges;
  const before = await charges();
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+End');
  await workbench.showImageGenView();
  const studio = workbench.webview();
  const prompt = studio.locator('vscode-textarea#prompt textarea');
  await prompt.fill('A kite in the wind [sim:durationMs=7000]');
  await studio.locator('vscode-button#generate').click();
  await studio.locator('.task-running, .task-queued').first().waitFor({ timeout: 10_000 });
  await workbench.screenshot('09-before-reload');

  // The ImageGen view is not on screen when the window reloads: ImageGen resumes the task by itself.
  await workbench.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  await workbench.page.reload();
  await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // ImageGen activates after start-up (onStartupFinished), finds the pending task and resumes it.
  const file = await waitUntil('the resumed image', () => assetsPngs().find((name) => name.startsWith('a-kite-in-the-wind-')), 60_000);
  // The studio kept the previous test's 16:9 choice in its saved draft.
  assert.equal(pngSize(join(workspace, 'assets', file)), '1536x864');
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+S');
  const text = await waitUntil('the resumed link', () => {
    const content = readFileSync(join(workspace, 'docs', 'notes.md'), 'utf8');
    return content.includes(`](../assets/${file})`) ? content : undefined;
  });
  assert.match(text, /!\[A kite in the wind\]\(\.\.\/assets\/a-kite-in-the-wind-[\d-]+\.png\)$/);
  assert.equal((await charges()) - before, 1, 'resubmitting with the same out_task_id did not charge again');
  await workbench.screenshot('10-after-reload-image-landed');
});

test('hostile text in a prompt or a provider error renders as text in the studio, never as markup', async () => {
  await workbench.showImageGenView();
  const studio = workbench.webview();
  const hostile = `<img src=x onerror=alert(1)> it's "quoted" [sim:taskFailed=<b id=boom>bold</b><script>alert(2)</script>]`;
  const prompt = studio.locator('vscode-textarea#prompt textarea');
  await prompt.fill(hostile);
  await studio.locator('vscode-button#generate').click();
  const entry = studio.locator('.task-failed', { hasText: 'onerror=alert(1)' }).first();
  await entry.waitFor({ timeout: 20_000 });
  assert.equal(await entry.locator('.task-prompt').textContent(), hostile.trim());
  assert.equal(await studio.locator('img[src="x"]').count(), 0, 'the prompt made no <img>');
  assert.equal(await studio.locator('#boom').count(), 0, 'the error made no <b>');
  assert.equal(await studio.locator('script', { hasText: 'alert(2)' }).count(), 0, 'the error made no <script>');
  assert.match((await entry.locator('.task-error').textContent()) ?? '', /bold/);
  const csp = await studio.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp ?? '', /default-src 'none'/);
  assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);

  // A reference image whose file name has quotes and markup, picked through the open dialog.
  const { writeFileSync, copyFileSync } = await import('node:fs');
  const quotedName = `it's "quoted" <b>x.png`;
  copyFileSync(join(workspace, 'assets', assetsPngs()[0]!), join(workspace, quotedName));
  writeFileSync(join(workspace, '.keep'), '');
  await studio.locator('vscode-button#add-references').click();
  // code-server shows VS Code's simple file dialog: pick the file from its list, then accept.
  const quick = workbench.quickInput();
  await quick.locator('.monaco-list-row', { hasText: 'quoted' }).first().click();
  await workbench.screenshotOnFailure('open-dialog', async () => {
    // A click on a file accepts the dialog; otherwise its button does.
    const closed = await quick.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
    if (!closed) {
      await quick.getByRole('button', { name: 'Use as Reference' }).click();
      await quick.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  });
  const reference = studio.locator('.references li span', { hasText: 'quoted' });
  await reference.waitFor({ timeout: 15_000 });
  assert.equal(await reference.textContent(), quotedName);
  assert.equal(await studio.locator('.references b').count(), 0, 'the file name made no element');
  await workbench.screenshot('11-hostile-text-rendered-as-text');

  // And the picked file really travels to the provider as the reference image.
  await prompt.fill('with a quoted reference');
  await studio.locator('vscode-button#generate').click();
  const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
  const deadline = Date.now() + 15_000;
  let references: unknown[] | undefined;
  while (!references && Date.now() < deadline) {
    const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string; body: { params?: { prompt?: string; image_url?: unknown[] } } }[] };
    references = requests.find((request) => request.path === '/api/openapi/submit' && request.body?.params?.prompt === 'with a quoted reference')?.body.params?.image_url;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.equal(references?.length, 1);
  assert.match(String(references?.[0]), /^data:image\/png;base64,iVBORw0KGgo/);
});

test('an OpenAI-compatible generation streams its partial images into the studio’s task card, then saves only the final image', async () => {
  await workbench.setApiKey('OpenAI-compatible', 'sim-key');
  await workbench.expectNotification(/API key for OpenAI-compatible saved/);
  await workbench.page.keyboard.press('Escape');
  // Three seconds between events, so each preview stays on screen long enough to be seen.
  const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
  await fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'openai.generate', fault: { kind: 'slowBody', delayMs: 3000 } }) });

  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+End');
  await workbench.showImageGenView();
  await workbench.runCommand('ImageGen: Generate Image');
  const quick = workbench.quickInput();
  await quick.locator('.quick-input-box input').fill('A lighthouse drawn while it streams');
  await workbench.page.keyboard.press('Enter');
  await quick.locator('input[placeholder="Model"]').waitFor();
  // Models are found by their ids and keys too, not only by their labels.
  const filter = quick.locator('.quick-input-box input');
  await filter.fill('gpt_image_2');
  await quick.locator('.monaco-list-row', { hasText: 'AIReiter · GPT Image 2' }).first().waitFor();
  await filter.fill('nano-banana-pro');
  await quick.locator('.monaco-list-row', { hasText: 'nano-banana-pro' }).first().waitFor();
  await filter.fill('openai:gpt-image-2');
  assert.equal(await quick.locator('.monaco-list-row', { hasText: 'AIReiter' }).count(), 0, 'the filter really filters');
  await quick.locator('.monaco-list-row', { hasText: /OpenAI-compatible · gpt-image-2(?![.-])/ }).click();
  // The remaining steps keep their defaults until the confirmation.
  const confirm = quick.locator('.monaco-list-row', { hasText: /^.*Generate \d+x\d+ image/ });
  // The optional reference step (a multi-select: no row is focused) is skipped with Enter too.
  const references = quick.locator('input[placeholder^="Reference images"]');
  for (let step = 0; step < 6 && !(await confirm.isVisible()); step++) {
    await workbench.screenshotOnFailure(`stream-step-${step}`, () => quick.locator('.monaco-list-row.focused').or(confirm).or(references).first().waitFor());
    if (await confirm.isVisible()) break;
    await workbench.page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await workbench.screenshotOnFailure('stream-confirm-step', () => confirm.waitFor());
  await workbench.page.keyboard.press('Enter');

  const studio = workbench.webview();
  const preview = studio.locator('.task-running img.task-preview');
  await preview.waitFor({ timeout: 20_000 });
  assert.match((await preview.getAttribute('src')) ?? '', /^blob:/, 'bytes made into a blob: URL in the webview');
  const drawn = await preview.evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth));
  assert.ok(drawn > 0, 'the browser decoded the posted bytes as an image');
  await studio.locator('.task-running .task-meta', { hasText: /preview [12]\/2/ }).waitFor();
  await workbench.statusBarItem(/preview [12]\/2/).waitFor();
  await preview.scrollIntoViewIfNeeded();
  await workbench.screenshot('12-streamed-preview-in-studio');
  await studio.locator('.task-running img.task-preview[data-index="2"]').waitFor({ timeout: 10_000 });

  const file = await waitUntil('the streamed image', () => assetsPngs().find((name) => name.startsWith('a-lighthouse-drawn-while-it-streams-')));
  assert.equal(assetsPngs().filter((name) => name.startsWith('a-lighthouse-drawn-while-it-streams-')).length, 1, 'previews are never saved');
  assert.equal(pngSize(join(workspace, 'assets', file)), '1024x1024');
  await studio.locator('img.task-preview').waitFor({ state: 'detached', timeout: 10_000 });
});

test('Open Image Studio shows the same studio as an editor panel', async () => {
  await workbench.runCommand('ImageGen: Open Image Studio');
  const tab = workbench.page.locator('.tab', { hasText: 'Image Studio' });
  await tab.waitFor();
  await workbench.screenshot('08-studio-panel');
});

test('the walkthrough: each step completes on its outcome (a key stored, an image generated, the studio opened), not when its question opens', async () => {
  // A fresh window: VS Code's walkthrough takes each outcome once per window, and earlier tests stored keys and made images.
  await workbench.page.reload();
  await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await workbench.runCommand('Welcome: Open Walkthrough...');
  await workbench.quickInput().locator('.monaco-list-row', { hasText: 'Get started with ImageGen' }).click();
  const page = workbench.page.locator('.gettingStartedContainer');
  await page.locator('h2', { hasText: 'Get started with ImageGen' }).first().waitFor({ timeout: 20_000 });
  // VS Code marks a done step's badge with data-done-step-id="<extension>#<walkthrough>#<step>" and aria-checked.
  const done = (step: string) => page.locator(`[data-done-step-id$="#welcome#${step}"][aria-checked="true"], [data-done-step-id$="#welcome#${step}"].complete`).first();
  const openStep = async (title: string, button: string) => {
    await page.locator('.getting-started-step', { hasText: title }).first().click();
    await page.locator('.getting-started-step.expanded').getByText(button, { exact: true }).first().click();
  };
  try {
    // The step's button opens the question (it stays open although the page takes focus back).
    await openStep('Set your API key', 'Set API Key');
    await workbench.quickInput().locator('.monaco-list-row', { hasText: 'AIReiter' }).click();
    await workbench.page.waitForTimeout(500);
    assert.equal(await done('setKey').count(), 0, 'not done while the key is only being asked for');
    await workbench.typeApiKey('sim-key');
    await done('setKey').waitFor({ timeout: 10_000 });

    await openStep('Generate an image into your document', 'Generate Image');
    const quick = workbench.quickInput();
    await quick.locator('.quick-input-box input').fill('A walkthrough lighthouse');
    await quick.locator('.quick-input-box input').press('Enter');
    assert.equal(await done('generate').count(), 0, 'not done while the wizard is open');
    // Enter takes each remembered choice up to the confirmation.
    const confirm = quick.locator('.monaco-list-row.focused', { hasText: /Generate .*image/ });
    // The walkthrough page takes the keyboard back after its button ran: each Enter goes to the question's own box.
    const box = quick.locator('.quick-input-box input');
    for (let step = 0; step < 8 && !(await confirm.isVisible()); step += 1) {
      await box.press('Enter');
      await workbench.page.waitForTimeout(400);
    }
    await confirm.waitFor();
    await box.press('Enter');
    await waitUntil('the walkthrough image', () => assetsPngs().find((name) => name.startsWith('a-walkthrough-lighthouse-')), 30_000);
    await workbench.page.locator('.tab', { hasText: 'Welcome' }).first().click();
    await done('generate').waitFor({ timeout: 15_000 });

    // The image opened beside the walkthrough as a preview (a webview, where F1 does nothing):
    // the walkthrough takes the focus back before the studio is opened from the palette.
    await workbench.page.locator('.tab', { hasText: 'Welcome' }).first().click();
    await page.locator('h2', { hasText: 'Get started with ImageGen' }).first().click();
    await workbench.runCommand('ImageGen: Open Image Studio');
    // The panel opens after the command returns: back to the walkthrough only once it is there.
    await workbench.page.locator('.tab', { hasText: 'Image Studio' }).first().waitFor();
    await workbench.page.locator('.tab', { hasText: 'Welcome' }).first().click();
    await done('gallery').waitFor({ timeout: 10_000 });
  } catch (error) {
    await workbench.screenshot('failed-walkthrough');
    const badges = await page.locator('[data-done-step-id]').evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-done-step-id')} ${element.className} ${element.getAttribute('aria-checked')}`));
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nbadges: ${badges.join('\n')}`);
  }
  await workbench.screenshot('17-walkthrough-complete');
});

test('hovering an image link shows how it was made, with Regenerate, Variation, Edit… and Show in gallery', async () => {
  // One editor group with the notes at the top, whatever the walkthrough left open beside it.
  await workbench.runCommand('View: Close All Editor Groups');
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+Home');
  const link = workbench.page.locator('.monaco-editor .view-line', { hasText: 'A harbour at sunset' }).first();
  await workbench.screenshotOnFailure('hover-link', () => link.waitFor({ timeout: 15_000 }));
  const hover = workbench.page.locator('.monaco-hover', { hasText: 'Made with ImageGen' });
  for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt += 1) {
    await link.hover({ position: { x: 40, y: 5 } });
    await workbench.page.waitForTimeout(1500);
  }
  await hover.waitFor({ timeout: 10_000 });
  for (const text of ['A harbour at sunset, watercolour', 'aireiter:gpt_image_2', '1024x1024', 'Regenerate', 'Variation', 'Show in gallery']) {
    await hover.locator(`text=${text}`).first().waitFor({ timeout: 5_000 });
  }
  assert.equal(await hover.locator('img, script').count(), 0, 'the file\'s text is shown as text');
  await workbench.screenshot('18-provenance-hover');
  // The hover alone, readable at its own size (the README shows it).
  await hover.first().screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '18-provenance-hover-detail.png') });
});

test('the team\'s presets come first in the wizard and in the studio; a preset fills every choice and adds its style', async () => {
  // A teammate's .vscode/imagegen.json, with a reference image from the repository.
  mkdirSync(join(workspace, 'brand'), { recursive: true });
  copyFileSync(join(workspace, 'assets', assetsPngs()[0]!), join(workspace, 'brand', 'palette.png'));
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'imagegen.json'), JSON.stringify({
    presets: [
      { name: 'Blog hero', description: 'Wide header images', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', resolution: '1K', style: 'flat illustration, brand colours', referenceImages: ['brand/palette.png'] },
      { name: 'App icon', model: 'jimmyai:nano-banana', aspectRatio: '1:1', style: 'simple glyph, centred' },
    ],
  }, null, 2));
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+End');
  await workbench.runCommand('ImageGen: Generate Image');
  const quick = workbench.quickInput();
  await quick.locator('.quick-input-box input').fill('A lighthouse on a cliff');
  await workbench.page.keyboard.press('Enter');
  await quick.locator('input[placeholder="Preset or model"]').waitFor({ timeout: 15_000 });
  const rows = quick.locator('.monaco-list-row');
  await rows.first().waitFor();
  assert.match((await rows.first().textContent()) ?? '', /Blog hero/, 'the presets come first');
  await quick.screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '19-presets-wizard.png') });
  await quick.locator('.quick-input-box input').fill('Blog hero');
  await workbench.page.keyboard.press('Enter');
  // A preset decides every choice: straight to the confirmation, which names it.
  const confirm = quick.locator('.monaco-list-row', { hasText: 'Preset Blog hero' });
  await workbench.screenshotOnFailure('preset-confirm', () => confirm.waitFor());
  assert.match((await confirm.textContent()) ?? '', /1536x864/);
  await workbench.page.keyboard.press('Enter');
  const file = await waitUntil('the preset\'s image', () => assetsPngs().find((name) => name.startsWith('a-lighthouse-on-a-cliff-flat-illustration')));
  assert.equal(pngSize(join(workspace, 'assets', file)), '1536x864');
  await workbench.expectNotification(/Image ready/);
  await workbench.page.keyboard.press('Escape');

  // The studio: a Preset select above the prompt fills the form and says what it adds. Other
  // webviews (an image preview, the studio panel) are closed so the sidebar's is the one found.
  await workbench.runCommand('View: Close All Editors');
  await workbench.showImageGenView();
  const studio = workbench.webview();
  const select = studio.locator('vscode-single-select#preset');
  await workbench.screenshotOnFailure('presets-studio', () => select.waitFor({ timeout: 30_000 }));
  // The select's own list (in its shadow root) is what the user sees and clicks.
  const option = (label: string) => studio.getByText(label, { exact: true }).filter({ visible: true }).first();
  await select.click();
  await option('App icon').click();
  await studio.locator('#preset-note', { hasText: 'Added after the prompt: simple glyph, centred' }).waitFor();
  await studio.locator('button.ratio.selected[data-ratio="1:1"]').waitFor();
  await select.click();
  await option('Blog hero').click();
  await studio.locator('button.ratio.selected[data-ratio="16:9"]').waitFor();
  await studio.locator('.references li', { hasText: 'brand/palette.png' }).waitFor();
  await studio.locator('vscode-textarea#prompt textarea').fill('A harbour in fog');
  await studio.locator('#summary', { hasText: '1536x864' }).waitFor();
  await studio.locator('section.form').screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '20-presets-studio.png') });
  await workbench.screenshot('20-presets-studio-workbench');
});

test('a transparent logo from the studio: Output › Background transparent sends it natively, the PNG has alpha, the gallery shows it on a checkerboard', async () => {
  // The sidebar's studio, as the presets test left it (Blog hero chosen, a reference attached).
  await workbench.runCommand('View: Close All Editors');
  await workbench.showImageGenView();
  const studio = workbench.webview();
  const option = (label: string) => studio.getByText(label, { exact: true }).filter({ visible: true }).first();
  const preset = studio.locator('vscode-single-select#preset');
  await preset.waitFor({ timeout: 30_000 });
  await preset.click();
  await option('No preset: choose below').click();
  const attached = studio.locator('.references li:not(.muted)');
  for (let left = await attached.count(); left > 0; left--) {
    await attached.locator('vscode-icon').first().click();
  }
  await attached.first().waitFor({ state: 'detached' });
  await studio.locator('vscode-single-select#model').click();
  await option('OpenAI-compatible · gpt-image-2').click();
  await studio.locator('button.ratio[data-ratio="1:1"]').click();
  await studio.locator('vscode-textarea#prompt textarea').fill('A round fox logo, flat vector mark');
  // The Output section is folded until asked for; its heading opens it.
  const output = studio.locator('vscode-collapsible#output');
  await output.click({ position: { x: 24, y: 10 } });
  const transparent = studio.locator('.output-background button.segment[data-value="transparent"]');
  await transparent.waitFor();
  await transparent.click();
  await studio.locator('.output-background button.segment.selected[data-value="transparent"]').waitFor();
  // gpt-image-2 makes transparency itself: no "keyed out" note under the choice.
  assert.equal(await studio.locator('#output-background-note').isVisible(), false, 'no key-out note for a model with native transparency');
  await output.screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '21-output-transparent.png') });
  await studio.locator('vscode-button#generate').click();

  const file = await waitUntil('the transparent logo', () => assetsPngs().find((name) => name.startsWith('a-round-fox-logo-flat-vector-mark-')));
  const bytes = readFileSync(join(workspace, 'assets', file));
  assert.equal(bytes[25], 6, 'the saved PNG is RGBA (colour type 6), as the provider sent it for background: transparent');
  const item = studio.locator('.gallery-item', { has: studio.locator(`img[title$="${file}"]`) });
  const image = item.locator('img');
  await image.waitFor({ timeout: 30_000 });
  // Gallery images load lazily: in view first, then decoded.
  await image.scrollIntoViewIfNeeded();
  await waitUntilAsync('the gallery image decoded', () => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0));
  const behind = await image.evaluate((element) => getComputedStyle(element).backgroundImage);
  assert.match(behind, /conic-gradient/, 'a checkerboard is drawn behind the image');
  await item.screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '22-transparent-logo-gallery.png') });
  await workbench.screenshot('22-transparent-logo-studio');
});

test('the gallery filters by prompt words (kept when the view is hidden and shown again); two selected images compare with a keyboard-operable wipe slider; two candidates fill a grid with Pick; Show Spending opens the studio at its spending', async () => {
  await workbench.runCommand('View: Close All Editors');
  await workbench.showImageGenView();
  const studio = workbench.webview();
  const search = studio.locator('vscode-textfield#gallery-search input');
  await search.waitFor({ timeout: 30_000 });
  const all = await studio.locator('.gallery-item').count();
  await search.fill('paper crane');
  const items = studio.locator('.gallery-item');
  await studio.locator('.gallery-count', { hasText: / of \d+ images/ }).waitFor();
  const titles = await items.locator('img').evaluateAll((images) => images.map((image) => image.getAttribute('title') ?? ''));
  assert.ok(titles.length >= 2 && titles.length < all, `the filter keeps the paper cranes only (${titles.length} of ${all})`);
  assert.ok(titles.every((title) => /paper crane/i.test(title)), titles.join(' | '));
  // The filter survives the page being unloaded and loaded again (webview state).
  await workbench.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  await workbench.showImageGenView();
  await search.waitFor({ timeout: 30_000 });
  await waitUntilAsync('the filter restored', async () => (await search.inputValue()) === 'paper crane');
  assert.equal(await items.count(), titles.length, 'the same images after the reload');

  // Select two and compare: the slider moves the divider with the keyboard.
  await items.nth(0).locator('vscode-checkbox.gallery-select').click();
  await items.nth(1).locator('vscode-checkbox.gallery-select').click();
  await studio.locator('vscode-button.gallery-compare:not([disabled])').click();
  const slider = studio.locator('.compare input.compare-slider');
  await slider.waitFor();
  await waitUntilAsync('the slider focused', () => slider.evaluate((element) => element === document.activeElement));
  for (let step = 0; step < 20; step++) await workbench.page.keyboard.press('ArrowLeft');
  assert.equal(await slider.inputValue(), '30');
  const clip = await studio.locator('.compare img.compare-over').evaluate((element) => (element as HTMLElement).style.clipPath);
  assert.equal(clip, 'inset(0px 0px 0px 30%)');
  const under = studio.locator('.compare img.compare-under');
  await waitUntilAsync('both compared images decoded', () => studio.locator('.compare img').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0)));
  assert.ok(await under.isVisible());
  await studio.locator('section.gallery').screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '23-gallery-filter-compare.png') });
  await workbench.screenshot('23-gallery-filter-compare-studio');
  await workbench.page.keyboard.press('Escape');
  await slider.waitFor({ state: 'detached' });
  await studio.locator('vscode-button.gallery-clear').click();
  await waitUntilAsync('the filter cleared', async () => (await items.count()) === all);

  // Two candidates of one request: the grid fills as they arrive; Pick puts the chosen one where the cursor was.
  await workbench.openFile('docs/notes.md');
  await workbench.page.keyboard.press('Control+End');
  await workbench.showImageGenView();
  await studio.locator('vscode-textarea#prompt textarea').fill('Two paper boats on a pond');
  await studio.locator('vscode-single-select#model').click();
  await studio.getByText('AIReiter · GPT Image 2', { exact: true }).filter({ visible: true }).first().click();
  await studio.locator('vscode-single-select#count').click();
  await studio.getByText('2: pick one of them', { exact: true }).filter({ visible: true }).first().click();
  await studio.locator('#summary', { hasText: /about 200 credits in all, 100 each/ }).waitFor();
  await studio.locator('vscode-button#generate').click();
  const group = studio.locator('.candidate-group', { hasText: 'Two paper boats on a pond' });
  await group.waitFor({ timeout: 30_000 });
  await group.locator('.candidate-cell.ready').nth(1).waitFor({ timeout: 90_000 });
  await waitUntilAsync('both candidates decoded', () => group.locator('.candidate-cell img').evaluateAll((images) => images.length === 2 && images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0)));
  await group.locator('vscode-checkbox.candidate-select').nth(0).click();
  await group.locator('vscode-checkbox.candidate-select').nth(1).click();
  await group.screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '25-candidate-grid.png') });
  await group.locator('vscode-button.candidate-compare:not([disabled])').click();
  await studio.locator('.compare input.compare-slider').waitFor();
  await workbench.screenshot('25-candidate-grid-compare-studio');
  await workbench.page.keyboard.press('Escape');
  await group.locator('vscode-button.candidate-pick').first().click();
  await group.waitFor({ state: 'detached', timeout: 15_000 });
  await studio.locator('.gallery-item .candidate-mark.picked').first().waitFor();
  await workbench.page.keyboard.press('Control+S');
  await waitUntil('the picked link in the document', () => readFileSync(join(workspace, 'docs', 'notes.md'), 'utf8').includes('![Two paper boats on a pond]'));

  // Show Spending: the studio panel, at its spending section (no budget here: the spend without caps).
  await workbench.runCommand('ImageGen: Show Spending');
  await workbench.page.locator('.tab', { hasText: 'Image Studio' }).waitFor();
  const panel = workbench.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  const spending = panel.locator('section.spending');
  await spending.locator('table.spending-models').waitFor({ timeout: 30_000 });
  await waitUntilAsync('the spending heading focused', () => panel.locator('#spending-heading').evaluate((element) => element === document.activeElement));
  assert.match((await spending.locator('table.spending-models tbody').innerText()), /aireiter:gpt_image_2/);
  await spending.screenshot({ path: join(process.env.IMAGEGEN_RESULTS_DIR!, '24-spending-in-studio.png') });
});
