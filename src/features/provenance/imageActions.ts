// What the hover on an ImageGen image offers: Regenerate (same prompt and settings; the new file's
// link replaces the old one in one undoable edit, the old file stays until the user deletes it),
// Variation (same prompt, this image as reference) and Edit… (a new prompt, this image as
// reference). Arguments come from a command link, so they are checked like any other input, and
// the pipeline's own checks (Restricted Mode, settings, keys) apply.
import * as z from 'zod/mini';
import * as vscode from 'vscode';
import { findModel } from '../../core/catalog/models';
import { inputFromProvenance } from '../../core/images/provenance';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import type { GenerationPipeline } from '../../generation/generationPipeline';
import { insertionTargetAt, TrackedPlace } from '../../generation/delivery/insertionTracker';
import { workspaceReference } from '../../generation/referenceFiles';
import { provenanceAt, type ImageProvenance } from './provenanceHover';

const imageActionArgs = z.object({ uri: z.string().check(z.maxLength(4_000)), line: z.number().check(z.int(), z.minimum(0)), character: z.number().check(z.int(), z.minimum(0)) });

export type ImageAction = 'regenerate' | 'variation' | 'edit';

export async function runImageAction(generation: GenerationPipeline, action: ImageAction, rawArgs: unknown): Promise<TaskRecord | undefined> {
  const found = await imageFromArgs(rawArgs);
  if (typeof found === 'string') {
    void vscode.window.showErrorMessage(found);
    return undefined;
  }
  const { document, provenance } = found;
  const line = document.lineAt(found.line).text;
  const end = document.offsetAt(new vscode.Position(found.line, provenance.link.end));
  // The place right after the link, followed from now on: Edit… asks for a prompt first, and
  // what the user types before the link meanwhile moves it.
  const place = new TrackedPlace(insertionTargetAt(document, end, action === 'regenerate' ? line.slice(provenance.link.start, provenance.link.end) : undefined));
  try {
    return await runAt(generation, action, provenance, place);
  } finally {
    place.dispose();
  }
}

async function runAt(generation: GenerationPipeline, action: ImageAction, provenance: ImageProvenance, place: TrackedPlace): Promise<TaskRecord | undefined> {
  const input = inputFromProvenance(provenance.text);
  // The image it comes from goes with the task: the studio offers Compare (before/after) on the new one.
  const options = { basedOn: vscode.Uri.file(provenance.file).toString() };
  if (action === 'regenerate') {
    return started(await generation.generate(input, place.target, options));
  }
  const reference = workspaceReference(vscode.Uri.file(provenance.file));
  if (!reference || (findModel(input.modelKey)?.maxReferenceImages ?? 0) === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot take a reference image; pick a model that can (for example aireiter:gpt_image_2).', input.modelKey));
    return undefined;
  }
  const prompt = action === 'edit' ? await vscode.window.showInputBox({ title: vscode.l10n.t('Edit this image'), prompt: vscode.l10n.t('Describe the change; the image goes along as the reference.'), value: input.prompt, ignoreFocusOut: true }) : input.prompt;
  if (prompt === undefined || prompt.trim() === '') {
    return undefined;
  }
  // The variation goes next to the image it came from, never over it.
  return started(await generation.generate({ ...input, prompt, referenceImages: [reference] }, place.target, options));
}

function started(result: Awaited<ReturnType<GenerationPipeline['generate']>>): TaskRecord | undefined {
  return result.ok ? result.handle.record : undefined;
}

async function imageFromArgs(raw: unknown): Promise<{ document: vscode.TextDocument; line: number; provenance: ImageProvenance } | string> {
  const parsed = imageActionArgs.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const notFound = vscode.l10n.t('There is no ImageGen image at that place any more.');
  if (!parsed.success) {
    return notFound;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(parsed.data.uri, true));
  } catch {
    return notFound;
  }
  if (parsed.data.line >= document.lineCount) {
    return notFound;
  }
  const provenance = await provenanceAt(document, new vscode.Position(parsed.data.line, parsed.data.character));
  return provenance ? { document, line: parsed.data.line, provenance } : notFound;
}

/** The same actions in the light bulb on an ImageGen image link. */
export async function imageCodeActions(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const provenance = await provenanceAt(document, range.start);
  if (!provenance) {
    return [];
  }
  const args = { uri: document.uri.toString(), line: range.start.line, character: provenance.link.start + 1 };
  return [
    [vscode.l10n.t('Regenerate this image'), 'imagegen.regenerateImage'],
    [vscode.l10n.t('Make a variation of this image'), 'imagegen.imageVariation'],
    [vscode.l10n.t('Edit this image…'), 'imagegen.editImage'],
    [vscode.l10n.t('Convert or resize this image…'), 'imagegen.convertImage'],
  ].map(([title, command]) => {
    const codeAction = new vscode.CodeAction(title!, vscode.CodeActionKind.Empty);
    codeAction.command = { title: title!, command: command!, arguments: [args] };
    return codeAction;
  });
}
