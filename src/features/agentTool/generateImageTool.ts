// `#generateImage`: the language-model tool agent mode calls. A thin layer over the one pipeline:
// the input is checked (core/agent/generateImageInput), the user confirms with the model, the
// exact pixels and what it may cost, and the tool answers with the saved path, the Markdown link
// and the image itself, so a model that sees images can check the result. Whatever goes wrong
// comes back as text the agent can act on, never a thrown stack.
import * as vscode from 'vscode';
import { checkGenerateImageInput, type GenerateImageToolInput } from '../../core/agent/generateImageInput';
import { isInside } from '../../core/assets/assetsFolder';
import { defaultModelKey } from '../../core/catalog/generationDraft';
import { findModel } from '../../core/catalog/models';
import { formatSize } from '../../core/catalog/sizes';
import { validateGeneration } from '../../core/catalog/validateGeneration';
import { altTextFromPrompt } from '../../core/insert/imageLink';
import { candidatesCost } from '../../core/candidates/candidateCost';
import { describeOutput } from '../../core/output/outputLine';
import { readImageGenSettings } from '../../config/readImageGenSettings';
import { insertionTargetAt, type InsertionTarget } from '../../generation/delivery/insertionTracker';
import type { GenerationPipeline } from '../../generation/generationPipeline';
import { pathRules } from '../../saving/pathRules';
import { fileSystem } from '../../saving/realFileSystem';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { mayBeBilled } from '../../engine/billing';
import { generateCandidates } from './candidatesCall';
import { savedImageFacts } from './savedImageFacts';

export const generateImageToolName = 'imagegen_generateImage';

export class GenerateImageTool implements vscode.LanguageModelTool<GenerateImageToolInput> {
  constructor(private readonly generation: GenerationPipeline) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<GenerateImageToolInput>): vscode.PreparedToolInvocation {
    const check = checkGenerateImageInput(options.input, defaultModel());
    if (!check.ok) {
      return { invocationMessage: vscode.l10n.t('Checking the image request') };
    }
    const { input, folder, insert, count = 1 } = check.request;
    const validation = validateGeneration(input);
    const model = findModel(input.modelKey);
    const pixels = validation.ok && validation.pixels ? formatSize(validation.pixels.size) : vscode.l10n.t('a size the provider chooses');
    const message = new vscode.MarkdownString();
    const modelName = model?.label ?? input.modelKey;
    if (count > 1) message.appendText(vscode.l10n.t('Generate {0} candidate {1} images with {2}: "{3}".', count, pixels, modelName, altTextFromPrompt(input.prompt)));
    else message.appendText(vscode.l10n.t('Generate a {0} image with {1}: "{2}".', pixels, modelName, altTextFromPrompt(input.prompt)));
    // Everything the call reads or writes, so nothing rides along unseen.
    for (const reference of input.referenceImages ?? []) message.appendText('\n' + vscode.l10n.t('Sends the workspace file {0} as a reference.', reference));
    if (validation.ok && validation.output) message.appendText('\n' + vscode.l10n.t('Delivers it as {0}.', describeOutput(validation.output)));
    if (folder) message.appendText('\n' + vscode.l10n.t('Saves into {0}.', folder));
    const place = insert ? vscode.workspace.asRelativePath(vscode.Uri.parse(insert.uri), false) : undefined;
    if (insert && count > 1) message.appendText('\n' + vscode.l10n.t('Links none of them by itself: the one picked in the gallery goes at the end of line {0} of {1}.', insert.line, place!));
    else if (insert) message.appendText('\n' + vscode.l10n.t('Inserts the link at the end of line {0} of {1}.', insert.line, place!));
    else if (count > 1) message.appendText('\n' + vscode.l10n.t('Links none of them by itself: they wait in the gallery until one is picked.'));
    message.appendText('\n\n' + costLine(input.modelKey, count));
    return {
      invocationMessage: count > 1 ? vscode.l10n.t('Generating {0} candidate {1} images with {2}', count, pixels, modelName) : vscode.l10n.t('Generating a {0} image with {1}', pixels, modelName),
      confirmationMessages: { title: count > 1 ? vscode.l10n.t('Generate {0} images?', count) : vscode.l10n.t('Generate an image?'), message },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<GenerateImageToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
    const check = checkGenerateImageInput(options.input, defaultModel());
    if (!check.ok) {
      return text(`The image was not generated. Fix the input and call the tool again:\n- ${check.problems.join('\n- ')}`);
    }
    const { input, folder, insert, count = 1 } = check.request;
    const target = insert ? await insertionTarget(insert.uri, insert.line) : undefined;
    if (typeof target === 'string') {
      return text(`The image was not generated: ${target}`);
    }
    if (count > 1) return generateCandidates(this.generation, { input, count, target, folder }, token);
    // No signal: the call's cancellation decides below whether the task is cancelled or only let go.
    const started = await this.generation.generate(input, target, { askForKey: false, spentBy: 'agent', ...(folder ? { saveFolder: folder } : {}) });
    if (!started.ok) {
      return text(`The image was not generated: ${started.reason} The user can do that; tell them.`);
    }
    const { record } = started.handle;
    const synchronous = findModel(input.modelKey)?.polling.intervalMs === 0;
    // Stopped before anything went out: nothing can have been charged, so it is cancelled.
    const stoppedEarly = token.isCancellationRequested && this.generation.cancel(record.id);
    let listener: vscode.Disposable | undefined;
    const detached = new Promise<'detached'>((resolve) => {
      listener = token.onCancellationRequested(() => {
        if (stoppedEarly) return;
        if (mayBeBilled(this.generation.get(record.id) ?? record, synchronous)) resolve('detached');
        else this.generation.cancel(record.id);
      });
    });
    try {
      const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('ImageGen: generating for the agent') }, () => Promise.race([started.handle.result, detached]));
      if (done === 'detached') {
        // VS Code drops the answer of a cancelled tool call, so the user hears it here too.
        const showTasks = vscode.l10n.t('Show Tasks');
        void vscode.window.showInformationMessage(vscode.l10n.t('The chat stopped, but the image task it started goes on: the provider already has it (it may be charged). ImageGen saves it when it is done.'), showTasks).then((choice) => {
          if (choice === showTasks) void vscode.commands.executeCommand('imagegen.showTasks');
        });
        return text(goesOnText(record.id, folder, target !== undefined));
      }
      if (done.state === 'cancelled') {
        return text('The image generation was cancelled; nothing was saved.');
      }
      if (done.state !== 'succeeded' || !done.imageUri) {
        return text(`The image was not generated: ${done.error?.message ?? 'the task ended without an image.'} The prompt is kept in ImageGen's task list.`);
      }
      return await this.success(done, done.imageUri, target ? done.linkInserted === true : undefined);
    } finally {
      listener?.dispose();
    }
  }

  /** `inserted`: whether the link went where the call asked; undefined when it asked for none. */
  private async success(done: TaskRecord, imageUri: string, inserted: boolean | undefined): Promise<vscode.LanguageModelToolResult> {
    const credits = done.estimatedCredits;
    const { workspacePath, pixels, setFiles, link, bytes, mime } = await savedImageFacts(done, imageUri);
    const facts = [
      `Saved ${workspacePath}${pixels ? ` (${pixels})` : ''}.${setFiles}`,
      inserted === true ? 'Its link was inserted where you asked.' : `${inserted === false ? 'Its link could not be inserted (the document is gone); ' : ''}Markdown link (relative to the workspace folder): ${link}`,
      credits !== undefined ? `The provider estimated ${credits} credits.` : undefined,
    ].filter(Boolean);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(facts.join(' ')), vscode.LanguageModelDataPart.image(bytes, mime)]);
  }
}

/** The answer of a call stopped while its task goes on. */
function goesOnText(id: string, folder: string | undefined, linkAsked: boolean): string {
  const settings = readImageGenSettings();
  const where = folder ?? (settings.ok ? settings.settings.assetsFolder : 'assets');
  return [
    'The call was stopped, but the image task goes on in the background: the provider already has it (it may be charged), so ImageGen follows it to its end and saves the image.',
    `Task id: ${id}.`,
    `The image will be saved in ${folder ? `the workspace folder ${where}` : `the assets folder (imagegen.assetsFolder: "${where}")`}${linkAsked ? ' and its link inserted where you asked' : ''}.`,
    'It is listed in "ImageGen: Show Tasks", where the user can follow or cancel it.',
    'Do not call the tool again for it; that would be charged again.',
  ].join(' ');
}

/** What the call will probably cost: one image's estimate times the count, before anything is sent. */
function costLine(modelKey: string, count: number): string {
  const cost = candidatesCost(modelKey, count);
  if (!cost) return vscode.l10n.t('The provider charges for it; it says how many credits once it has the request.');
  if (cost.unit === 'images') return count > 1 ? vscode.l10n.t('The endpoint bills per image: {0} images in all.', count) : vscode.l10n.t('The endpoint bills it as one image.');
  return count > 1
    ? vscode.l10n.t('The provider charges for each: about {0} credits in all ({1} × {2}, ImageGen\'s estimate; the provider says once it has the requests).', cost.total, count, cost.perImage)
    : vscode.l10n.t('The provider charges for it: about {0} credits (ImageGen\'s estimate); it says how many once it has the request.', cost.total);
}

function defaultModel(): string {
  const settings = readImageGenSettings();
  return settings.ok ? settings.settings.defaultModel : defaultModelKey;
}

/** The end of a 1-based line of a workspace document, or why the link cannot go there. */
async function insertionTarget(uriText: string, line: number): Promise<InsertionTarget | string> {
  let parsed: vscode.Uri;
  try {
    parsed = vscode.Uri.parse(uriText, true);
  } catch {
    return `insert.uri "${uriText}" is not a URI; use the document's file URI.`;
  }
  // `..` segments and links are resolved before the workspace is asked: /ws/../etc/hosts is not in /ws.
  const outside = `insert.uri "${uriText}" is not a file in the workspace; links go only into workspace documents.`;
  if (parsed.scheme !== 'file') {
    return outside;
  }
  const uri = vscode.Uri.file(pathRules.path.normalize(parsed.fsPath));
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || !isInside(folder.uri.fsPath, uri.fsPath, pathRules)) {
    return outside;
  }
  try {
    const [real, root] = await Promise.all([fileSystem.realpath(uri.fsPath), fileSystem.realpath(folder.uri.fsPath)]);
    if (!isInside(root, real, pathRules)) return outside;
  } catch {
    return `insert.uri "${uriText}" does not exist.`;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    return `insert.uri "${uriText}" cannot be opened.`;
  }
  if (line > document.lineCount) {
    return `insert.line ${line} is past the end of the document (it has ${document.lineCount} lines).`;
  }
  const end = document.lineAt(line - 1).range.end;
  return insertionTargetAt(document, document.offsetAt(end));
}
