// The text an asset set puts into a document: favicon links, OG meta lines, a responsive
// <picture> (HTML or MDX's JSX) or the largest WebP in Markdown, with attribute values escaped.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { setMarkup } from '../../src/core/output/assetSetMarkup';
import { planAssetSet, type AssetSetPlan } from '../../src/core/output/assetSetPlan';
import { resolveOutput, type OutputOptions } from '../../src/core/output/outputOptions';

function plan(options: OutputOptions, width = 2048, height = 1152): AssetSetPlan {
  const resolution = resolveOutput(options);
  assert.ok(resolution.ok);
  return planAssetSet(resolution.output, { width, height })!;
}

const inFolder = (folder: string) => (fileName: string) => `${folder}/${fileName}`;

test('favicon: the icon links with sizes, inline in an HTML page, a snippet elsewhere', () => {
  const { files } = plan({ assetSet: 'favicon' });
  const html = setMarkup('favicon', files, inFolder('/icons'), 'ignored', 'html');
  assert.equal(
    html.text,
    [
      '<link rel="icon" href="/icons/favicon.ico" sizes="16x16 32x32 48x48">',
      '<link rel="apple-touch-icon" sizes="180x180" href="/icons/apple-touch-icon.png">',
      '<link rel="icon" type="image/png" sizes="192x192" href="/icons/icon-192.png">',
      '<link rel="icon" type="image/png" sizes="512x512" href="/icons/icon-512.png">',
    ].join('\n'),
  );
  assert.equal(html.inline, true);
  assert.doesNotMatch(html.text, /manifest/);
  for (const languageId of ['markdown', 'mdx', 'vue', 'typescript']) {
    const other = setMarkup('favicon', files, inFolder('/icons'), '', languageId);
    assert.equal(other.inline, false, languageId);
    assert.equal(other.text, html.text);
  }
});

test('og-card: og:image with its width, height and alt', () => {
  const { files } = plan({ assetSet: 'og-card', format: 'webp' });
  const markup = setMarkup('og-card', files, (name) => `https://example.com/cards/${name}`, 'A fox & "the" moon', 'php');
  assert.equal(
    markup.text,
    [
      '<meta property="og:image" content="https://example.com/cards/og-image.webp">',
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      '<meta property="og:image:alt" content="A fox &amp; &quot;the&quot; moon">',
    ].join('\n'),
  );
  assert.equal(markup.inline, true);
  assert.equal(setMarkup('og-card', files, inFolder('x'), '', 'html').text.split('\n').length, 3, 'no alt line without alt text');
});

test('responsive in HTML: a picture with AVIF and WebP sources, sizes and a lazy fallback img', () => {
  const { files } = plan({ assetSet: 'responsive', avif: true });
  const markup = setMarkup('responsive', files, inFolder('fox'), 'A fox', 'html');
  assert.equal(
    markup.text,
    [
      '<picture>',
      '  <source type="image/avif" srcset="fox/image-640.avif 640w, fox/image-1280.avif 1280w, fox/image-1920.avif 1920w" sizes="100vw">',
      '  <source type="image/webp" srcset="fox/image-640.webp 640w, fox/image-1280.webp 1280w, fox/image-1920.webp 1920w" sizes="100vw">',
      '  <img src="fox/image-1920.png" width="1920" height="1080" alt="A fox" loading="lazy" decoding="async">',
      '</picture>',
    ].join('\n'),
  );
  assert.equal(markup.inline, true);
  for (const languageId of ['vue', 'svelte', 'php']) assert.equal(setMarkup('responsive', files, inFolder('fox'), 'A fox', languageId).text, markup.text);
});

test('responsive in MDX: JSX, self-closed, srcSet; without AVIF no AVIF source', () => {
  const { files } = plan({ assetSet: 'responsive', widths: [640, 1280], format: 'jpeg' });
  const markup = setMarkup('responsive', files, inFolder('fox'), 'A fox', 'mdx');
  assert.equal(
    markup.text,
    [
      '<picture>',
      '  <source type="image/webp" srcSet="fox/image-640.webp 640w, fox/image-1280.webp 1280w" sizes="100vw" />',
      '  <img src="fox/image-1280.jpg" width="1280" height="720" alt="A fox" loading="lazy" decoding="async" />',
      '</picture>',
    ].join('\n'),
  );
  assert.equal(markup.inline, true);
});

test('responsive in Markdown: the largest WebP as an image link', () => {
  const { files } = plan({ assetSet: 'responsive', avif: true });
  const markup = setMarkup('responsive', files, inFolder('../my images/fox'), 'A [red] fox', 'markdown');
  assert.equal(markup.text, '![A \\[red\\] fox](../my%20images/fox/image-1920.webp)');
  assert.equal(markup.inline, true);
});

test('responsive elsewhere: the HTML as a snippet', () => {
  const { files } = plan({ assetSet: 'responsive' });
  const markup = setMarkup('responsive', files, inFolder('fox'), 'A fox', 'typescript');
  assert.equal(markup.inline, false);
  assert.equal(markup.text, setMarkup('responsive', files, inFolder('fox'), 'A fox', 'html').text);
});

test('escaping: alt and paths cannot end an attribute or a srcset candidate', () => {
  const { files } = plan({ assetSet: 'responsive', widths: [640] });
  const markup = setMarkup('responsive', files, (name) => `a "b" <c> & d,e/${name}`, '<script>"x" & \'y\'</script>', 'html');
  assert.equal(
    markup.text,
    [
      '<picture>',
      '  <source type="image/webp" srcset="a%20%22b%22%20%3Cc%3E%20&amp;%20d%2Ce/image-640.webp 640w" sizes="100vw">',
      '  <img src="a%20%22b%22%20%3Cc%3E%20&amp;%20d,e/image-640.png" width="640" height="360" alt="&lt;script&gt;&quot;x&quot; &amp; \'y\'&lt;/script&gt;" loading="lazy" decoding="async">',
      '</picture>',
    ].join('\n'),
  );
  const favicon = setMarkup('favicon', plan({ assetSet: 'favicon' }).files, (name) => `x"&y/${name}`, '', 'html');
  assert.match(favicon.text, /href="x%22&amp;y\/favicon\.ico"/);
  assert.doesNotMatch(favicon.text, /"&y/);
});
