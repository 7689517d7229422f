// Convert / Resize Image… (issue 24): the finishing pipeline without a provider. The output is
// one line of the words every host uses ("1200x630 webp q80 cover"), checked as it is typed
// against the image (never upscaled); the new file goes beside the image, which stays, and carries
// the image's provenance with a note of the conversion, so its hover still says how it was made.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { conversionKey } from '../../core/images/provenance';
import { conversionNote, readConvertLine, shown, suggestedConvertLine, type ConvertSource } from '../../core/output/convertLine';
import type { ResolvedOutput } from '../../core/output/outputOptions';
import { finishImage, isFinishError, type FinishedFile } from '../../finishing/finishImage';
import { finishSteps } from '../../finishing/finishSteps';
import type { Imaging } from '../../imaging/imaging';
import { readImageProvenance } from '../../saving/readImageProvenance';
import { imageToConvert } from './imageToConvert';

/** Runs the command: asks for the output, writes the file; resolves with it, or undefined when nothing was written. */
export async function runConvertImage(rawArgs: unknown, imaging: () => Promise<Imaging>, now: () => Date = () => new Date()): Promise<FinishedFile | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('ImageGen does not convert images in Restricted Mode: trust this workspace first.'));
    return undefined;
  }
  const target = await imageToConvert(rawArgs);
  if (target === undefined) return undefined;
  if (typeof target === 'string') {
    void vscode.window.showErrorMessage(target);
    return undefined;
  }
  const name = basename(target.file);
  const library = imaging();
  library.catch(() => undefined); // Reported when it is needed, not as an unhandled rejection.
  const source = await describeSource(target.file, library);
  if (typeof source === 'string') {
    void vscode.window.showErrorMessage(source);
    return undefined;
  }
  const output = await askOutput(source.image, target.output ?? suggestedConvertLine(source.image.format));
  if (!output) return undefined;
  const made = output.size ?? source.image.size;
  const provenance = { ...source.provenance, [conversionKey]: conversionNote(source.image, output, made, now()) };
  try {
    const finished = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Converting {0}…', name) }, async () =>
      finishImage(await library, { source: target.file, output, keyOut: output.background === 'transparent', provenance, sourcePolicy: 'keep' }, finishSteps),
    );
    if (finished.primary.path === target.file) {
      // Only a background to remove was asked, and it could not be: nothing was written.
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not converted: {1} Nothing was written.', name, finished.notes.join(' ')));
      return undefined;
    }
    if (finished.notes.length > 0) void vscode.window.showWarningMessage(finished.notes.join(' '));
    announce(finished.primary);
    return finished.primary;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be converted: {1} Nothing was written.', name, reasonOf(error)));
    return undefined;
  }
}

/** The image's name, size and format (from its header, or the library for AVIF) and its provenance. */
async function describeSource(file: string, library: Promise<Imaging>): Promise<{ image: ConvertSource; provenance: Record<string, string> } | string> {
  const name = basename(file);
  const read = await readImageProvenance(file);
  if (!read) return vscode.l10n.t('{0} could not be read: check that it still exists and can be opened.', name);
  if (read.info) return { image: { name, size: { width: read.info.width, height: read.info.height }, format: read.info.format }, provenance: read.text };
  try {
    const info = await (await library).inspect(await readFile(file));
    return { image: { name, size: { width: info.width, height: info.height }, format: info.format }, provenance: read.text };
  } catch (error) {
    return vscode.l10n.t('{0} could not be read as an image: {1}', name, reasonOf(error));
  }
}

/** One input box with the output line, its problems shown as it is typed; Enter takes only a line without any. */
function askOutput(image: ConvertSource, initial: string): Promise<ResolvedOutput | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Convert / Resize Image');
  const example = `${Math.max(16, Math.round(image.size.width / 2))}x${Math.max(16, Math.round(image.size.height / 2))}`;
  box.prompt = vscode.l10n.t('{0} is {1}. Write the output: a format (png, webp, avif, jpeg), a quality like q80, a size like {2} with a fit (cover, contain, fill), or a set (favicon, og-card, responsive).', image.name, shown(image.size), example);
  box.value = initial;
  box.ignoreFocusOut = true;
  const check = (line: string) => {
    const result = readConvertLine(line, image, true);
    box.validationMessage = result.ok ? undefined : result.problems.join(' ');
    return result;
  };
  check(initial);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (output: ResolvedOutput | undefined) => {
      if (settled) return;
      settled = true;
      listeners.forEach((listener) => listener.dispose());
      box.dispose();
      resolve(output);
    };
    const listeners = [
      box.onDidChangeValue(check),
      box.onDidAccept(() => {
        const result = check(box.value);
        if (result.ok) settle(result.output);
      }),
      box.onDidHide(() => settle(undefined)),
    ];
    box.show();
  });
}

function announce(file: FinishedFile): void {
  const openLabel = vscode.l10n.t('Open');
  const revealLabel = vscode.l10n.t('Reveal');
  const uri = vscode.Uri.file(file.path);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} ({1})', basename(file.path), shown(file)), openLabel, revealLabel).then((choice) => {
    if (choice === openLabel) void vscode.commands.executeCommand('vscode.open', uri);
    if (choice === revealLabel) void vscode.commands.executeCommand('revealInExplorer', uri);
  });
}

/**
 * Plain words for what went wrong, never a stack: a FinishError speaks of a generation ("saved as
 * generated"), so its cause (the library's, the file system's) is what is said here.
 */
function reasonOf(error: unknown): string {
  const cause = isFinishError(error) && error.cause !== undefined ? error.cause : error;
  const sentence = (cause instanceof Error ? cause.message : String(cause)).trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
