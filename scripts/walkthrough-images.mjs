// The walkthrough's pictures (media/walkthrough/*.png): the UI tests' screenshots (kept in
// media/screenshots or docs/screenshots), scaled down in the test Chromium so the vsix stays small.
// Run after refreshing the screenshots: node scripts/walkthrough-images.mjs
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pictures = { 'set-key': '13-no-key-asked-nothing-inserted', generate: '03-generate-confirm-step', gallery: '07-studio-gallery' };
const width = 700;
const height = 450;
mkdirSync(join(root, 'media', 'walkthrough'), { recursive: true });
const context = await launchChromium();
try {
  const tab = await context.newPage();
  await tab.setViewportSize({ width, height });
  for (const [name, source] of Object.entries(pictures)) {
    const shipped = join(root, 'media', 'screenshots', `${source}.png`);
    const data = readFileSync(existsSync(shipped) ? shipped : join(root, 'docs', 'screenshots', `${source}.png`)).toString('base64');
    await tab.setContent(`<body style="margin:0"><img style="width:${width}px;height:${height}px;display:block" src="data:image/png;base64,${data}"></body>`);
    await tab.screenshot({ path: join(root, 'media', 'walkthrough', `${name}.png`), clip: { x: 0, y: 0, width, height } });
    console.log(`media/walkthrough/${name}.png`);
  }
} finally {
  await context.close();
}
