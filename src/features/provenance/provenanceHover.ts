// Hovering an image link shows how the image was made, read from the file itself (PNG text, the
// XMP of a WebP, AVIF or JPEG ImageGen finished, or the sidecar beside a provider's JPEG or WebP),
// so it works for images made on another machine or by a teammate. Text from the file is shown
// as text, never as Markdown or HTML.
import * as vscode from 'vscode';
import { isInside } from '../../core/assets/assetsFolder';
import { providerNameOf } from '../../core/catalog/providerNames';
import type { ImageInfo } from '../../core/images/imageInfo';
import { isImageGenProvenance } from '../../core/images/imageProvenance';
import { conversionKey, inputFromProvenance } from '../../core/images/provenance';
import { imageLinkAt, type ImageLinkAt as ImageLink } from '../../core/insert/imageLinkAt';
import { readImageGenSettings } from '../../config/readImageGenSettings';
import { pathRules } from '../../saving/pathRules';
import { readImageProvenance } from '../../saving/readImageProvenance';

export async function provenanceHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
  const found = await provenanceAt(document, position);
  if (!found) {
    return undefined;
  }
  const { link } = found;
  const markdown = describe(found.text, found.info);
  const args = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), line: position.line, character: link.start + 1 }]));
  const actions = [
    [vscode.l10n.t('Regenerate'), 'imagegen.regenerateImage'],
    [vscode.l10n.t('Variation'), 'imagegen.imageVariation'],
    [vscode.l10n.t('Edit…'), 'imagegen.editImage'],
    [vscode.l10n.t('Convert…'), 'imagegen.convertImage'],
  ].map(([label, command]) => `[${label}](command:${command}?${args})`);
  markdown.appendMarkdown(`\n${actions.join(' · ')} · [${vscode.l10n.t('Show in gallery')}](command:imagegen.openPanel)`);
  // Only ImageGen's own commands run from this hover; their arguments are checked again there.
  markdown.isTrusted = { enabledCommands: ['imagegen.regenerateImage', 'imagegen.imageVariation', 'imagegen.editImage', 'imagegen.convertImage', 'imagegen.openPanel'] };
  return new vscode.Hover(markdown, new vscode.Range(position.line, link.start, position.line, link.end));
}

export interface ImageProvenance {
  readonly link: ImageLink;
  /** The image file (a file system path inside the workspace). */
  readonly file: string;
  readonly text: Record<string, string>;
  readonly info: ImageInfo | undefined;
}

/** The ImageGen image linked at a position, with the provenance its file carries; undefined for anything else. */
export async function provenanceAt(document: vscode.TextDocument, position: vscode.Position): Promise<ImageProvenance | undefined> {
  const link = imageLinkAt(document.lineAt(position.line).text, position.character);
  const file = link && linkedFile(document.uri, link.path);
  if (!link || !file) {
    return undefined;
  }
  const read = await readImageProvenance(file);
  if (!read || !isImageGenProvenance(read.text)) {
    return undefined;
  }
  return { link, file, text: read.text, info: read.info };
}

/** The linked file, when it is a file inside the document's workspace folder. */
export function linkedFile(documentUri: vscode.Uri, linkPath: string): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(documentUri);
  if (documentUri.scheme !== 'file' || !folder) {
    return undefined;
  }
  const { path } = pathRules;
  const settings = readImageGenSettings(documentUri);
  const siteRoot = path.join(folder.uri.fsPath, settings.ok ? settings.settings.link.siteRoot : '');
  const file = linkPath.startsWith('/') ? path.join(siteRoot, ...linkPath.split('/')) : path.join(path.dirname(documentUri.fsPath), ...linkPath.split('/'));
  return isInside(folder.uri.fsPath, file, pathRules) ? file : undefined;
}

function describe(text: Record<string, string>, info: ImageInfo | undefined): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  const row = (label: string, value: string | undefined) => {
    if (!value) return;
    markdown.appendMarkdown(`**${label}:** `);
    markdown.appendText(value);
    markdown.appendMarkdown('  \n');
  };
  markdown.appendMarkdown(`**${vscode.l10n.t('Made with ImageGen')}**\n\n`);
  row(vscode.l10n.t('Prompt'), text.prompt);
  row(vscode.l10n.t('Model'), `${text.model} (${providerNameOf(text.model ?? '')})`);
  row(vscode.l10n.t('Size'), info ? `${info.width}x${info.height}` : undefined);
  row(vscode.l10n.t('Settings'), settingsOf(text));
  row(vscode.l10n.t('Made'), dateOf(text['Creation Time']));
  row(vscode.l10n.t('Converted'), text[conversionKey]);
  row(vscode.l10n.t('Task'), text.task);
  row(vscode.l10n.t('Credits (estimated)'), text.credits);
  return markdown;
}

function settingsOf(text: Record<string, string>): string | undefined {
  const input = inputFromProvenance(text);
  const parts = (['aspectRatio', 'resolution', 'size', 'quality'] as const).flatMap((key) => (input[key] !== undefined ? [`${key} ${input[key]}`] : []));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function dateOf(iso: string | undefined): string | undefined {
  const date = iso ? new Date(iso) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toLocaleString() : undefined;
}
