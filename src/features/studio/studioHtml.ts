// Pure HTML template for the studio webview (no `vscode` import so it is unit-tested).

export interface StudioHtmlOptions {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The codicon font's stylesheet; vscode-elements finds it by its id. */
  readonly codiconsUri: string;
  readonly title: string;
  readonly lang: string;
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/** A nonce from a CSPRNG, fresh for every render so a leaked page cannot be replayed. */
export function createNonce(randomBytes: (size: number) => Uint8Array): string {
  return Buffer.from(randomBytes(18)).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // blob: for streamed previews, made in the webview from bytes the host posts.
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function renderStudioHtml(options: StudioHtmlOptions): string {
  const attribute = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${attribute(options.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.codiconsUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${attribute(options.styleUri)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="studio" aria-busy="true"></main>
<script nonce="${attribute(options.nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>`;
}
