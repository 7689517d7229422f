// Renders the marketplace icon (media/icon.png, 128×128) from the same drawing as the activity-bar
// glyph (media/imagegen.svg), in the Chromium the tests use. Run after changing the drawing:
// node scripts/render-icon.mjs
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const glyph = readFileSync(join(root, 'media', 'imagegen.svg'), 'utf8').replace('stroke="currentColor"', 'stroke="#ffffff"').replace('fill="currentColor"', 'fill="#ffd54f"');
const page = `<!DOCTYPE html><html><body style="margin:0;background:transparent">
<div style="width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#3b5bdb,#7048e8);display:flex;align-items:center;justify-content:center">
<div style="width:96px;height:96px">${glyph.replace('width="24" height="24"', 'width="96" height="96"')}</div></div></body></html>`;

const context = await launchChromium();
try {
  const tab = await context.newPage();
  await tab.setViewportSize({ width: 128, height: 128 });
  await tab.setContent(page);
  await tab.screenshot({ path: join(root, 'media', 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  console.log('media/icon.png written');
} finally {
  await context.close();
}
