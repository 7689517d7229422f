// The pictures that ship in the vsix: the walkthrough's (media/walkthrough/*.png, also shown in the
// README) and the README's status-bar picture (media/screenshots/), made from the UI tests'
// screenshots in docs/screenshots, scaled down in the test Chromium so the vsix stays small.
// Run after refreshing docs/screenshots: node scripts/walkthrough-images.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pictures = {
  'walkthrough/set-key': '13-no-key-asked-nothing-inserted',
  'walkthrough/generate': '03-generate-confirm-step',
  'walkthrough/gallery': '07-studio-gallery',
  'screenshots/status-bar': '04-status-bar-running',
};
const compositions = {
  'screenshots/transparent-logo': ['21-output-transparent', '22-transparent-logo-gallery'],
  'screenshots/candidates-compare': ['25-candidate-grid', '23-gallery-filter-compare'],
  'screenshots/spending-studio': ['24-spending-in-studio'],
};
const width = 700;
const height = 450;
for (const folder of ['walkthrough', 'screenshots']) mkdirSync(join(root, 'media', folder), { recursive: true });
const context = await launchChromium();
try {
  const tab = await context.newPage();
  await tab.setViewportSize({ width, height });
  for (const [name, source] of Object.entries(pictures)) {
    const data = readFileSync(join(root, 'docs', 'screenshots', `${source}.png`)).toString('base64');
    await tab.setContent(`<body style="margin:0"><img style="width:${width}px;height:${height}px;display:block" src="data:image/png;base64,${data}"></body>`);
    await tab.screenshot({ path: join(root, 'media', `${name}.png`), clip: { x: 0, y: 0, width, height } });
    console.log(`media/${name}.png`);
  }
  // Pictures made of element screenshots side by side, at their own size (no scaling).
  for (const [name, sources] of Object.entries(compositions)) {
    await tab.setViewportSize({ width: 1000, height: 800 });
    const images = sources.map((source) => `<img style="display:block" src="data:image/png;base64,${readFileSync(join(root, 'docs', 'screenshots', `${source}.png`)).toString('base64')}">`);
    await tab.setContent(`<body style="margin:0"><div id="picture" style="display:inline-flex;gap:16px;align-items:flex-start;padding:12px;background:#f8f8f8">${images.join('')}</div></body>`);
    await tab.locator('#picture').screenshot({ path: join(root, 'media', `${name}.png`) });
    console.log(`media/${name}.png`);
  }
} finally {
  await context.close();
}
