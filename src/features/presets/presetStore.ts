// The team's presets as the wizard and the studio offer them: `.vscode/imagegen.json` in each
// workspace folder, read again when it changes on disk or in an open editor. A problem in the file
// is a diagnostic on the file (the Problems view lists it even while the file is closed) and the
// preset it is about is not offered. Deferred code (jsonc-parser stays out of activation).
import * as vscode from 'vscode';
import { findModel } from '../../core/catalog/models';
import type { GenerationInput } from '../../core/catalog/validateGeneration';
import { describeOutput } from '../../core/output/outputLine';
import { resolveOutput } from '../../core/output/outputOptions';
import { presetInput, presetReferences, readPresets, type Preset, type PresetProblem } from '../../core/presets/presets';
import { presetsFileName } from '../../core/presets/presetsFile';
import { workspaceReference } from '../../generation/referenceFiles';
import { readTeamFile, teamFileOf } from '../../generation/teamFiles';
import { Disposable } from '../../util/dispose';

/** A preset as offered: which folder's file it comes from, and its references as workspace paths. */
export interface OfferedPreset {
  /** Unique across folders: the folder's URI and the preset's name. */
  readonly id: string;
  readonly label: string;
  readonly preset: Preset;
  readonly referencePaths: readonly string[];
}

export class PresetStore extends Disposable {
  private readonly byFolder = new Map<string, readonly OfferedPreset[]>();
  private readonly turns = new Map<string, number>();
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('imagegen.presets'));
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  /** The offered presets changed, or whether they may be applied (workspace trust). */
  readonly onDidChange = this.onDidChangeEmitter.event;
  /** Settles once every folder's file has been read the first time. */
  readonly ready: Promise<void>;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${presetsFileName}`));
    const reread = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && isPresetsFile(uri, folder)) void this.load(folder);
    };
    this.register(watcher.onDidCreate(reread));
    this.register(watcher.onDidChange(reread));
    this.register(watcher.onDidDelete(reread));
    // Typing in the file updates what is offered and its diagnostics before it is saved.
    this.register(vscode.workspace.onDidChangeTextDocument((event) => reread(event.document.uri)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => reread(document.uri)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.onDidChangeEmitter.fire()));
    this.ready = this.loadAll();
  }

  /** Presets are shown in any workspace, applied only in a trusted one. */
  get applicable(): boolean {
    return vscode.workspace.isTrusted;
  }

  list(): readonly OfferedPreset[] {
    return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => this.byFolder.get(folder.uri.toString()) ?? []);
  }

  find(id: string): OfferedPreset | undefined {
    return this.list().find((offered) => offered.id === id);
  }

  /** What the wizard offers: the presets once read, and whether they may be applied. */
  async offer(): Promise<{ readonly list: readonly OfferedPreset[]; readonly applicable: boolean }> {
    // Read again now: a file written a moment ago may not have reached the file watcher yet.
    await this.ready;
    await this.loadAll();
    return { list: this.list(), applicable: this.applicable };
  }

  /** A scripted generation's preset (by name, or by id in multi-root workspaces) on this prompt; undefined, said, when it cannot be used. */
  async inputFor(name: string, prompt: string): Promise<GenerationInput | undefined> {
    const { list, applicable } = await this.offer();
    const offered = list.find((candidate) => candidate.id === name || candidate.preset.name === name);
    if (!offered) {
      void vscode.window.showErrorMessage(vscode.l10n.t('There is no usable preset named "{0}" in {1}.', name, presetsFileName));
      return undefined;
    }
    if (!applicable) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Presets from this workspace apply once you trust it.'));
      return undefined;
    }
    return offeredPresetInput(offered, prompt);
  }

  private async loadAll(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const known = new Set(folders.map((folder) => folder.uri.toString()));
    for (const key of [...this.byFolder.keys()].filter((key) => !known.has(key))) this.byFolder.delete(key);
    await Promise.all(folders.map((folder) => this.load(folder)));
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    const uri = teamFileOf(folder);
    // Reads may overlap (typing, the watcher, a wizard opening): only the latest one counts.
    const key = folder.uri.toString();
    const turn = (this.turns.get(key) ?? 0) + 1;
    this.turns.set(key, turn);
    const text = await readText(uri);
    if (this.isDisposed || this.turns.get(key) !== turn) return;
    const read = text === undefined ? { presets: [], problems: [] } : readPresets(text);
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    this.byFolder.set(
      folder.uri.toString(),
      read.presets.map((preset) => ({
        id: `${folder.uri.toString()}#${preset.name}`,
        label: multiRoot ? `${preset.name} (${folder.name})` : preset.name,
        preset,
        referencePaths: presetReferences(preset).map((path) => workspaceReference(vscode.Uri.joinPath(folder.uri, ...path.split('/'))) ?? path),
      })),
    );
    this.diagnostics.set(uri, read.problems.map((problem) => diagnosticFor(problem, text ?? '')));
    this.onDidChangeEmitter.fire();
  }
}

/** What a preset asks for with this prompt: its choices, its style after the prompt, its references. */
export function offeredPresetInput(offered: OfferedPreset, prompt: string): GenerationInput {
  return presetInput(offered.preset, prompt, offered.referencePaths);
}

/** One line for a list: the model as users know it, then each choice the preset makes, its output last. */
export function presetSummary(preset: Preset): string {
  const references = preset.referenceImages?.length ?? 0;
  const output = preset.output ? resolveOutput(preset.output) : undefined;
  return [
    findModel(preset.model)?.label ?? preset.model,
    preset.size ?? preset.aspectRatio,
    preset.size ? undefined : preset.resolution,
    preset.quality,
    references > 0 ? vscode.l10n.t('{0} reference image(s)', references) : undefined,
    preset.count !== undefined && preset.count > 1 ? vscode.l10n.t('{0} candidates', preset.count) : undefined,
    output?.ok ? `→ ${describeOutput(output.output)}` : undefined,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

function isPresetsFile(uri: vscode.Uri, folder: vscode.WorkspaceFolder): boolean {
  return uri.toString() === teamFileOf(folder).toString();
}

/** The file's text: from an open editor (unsaved edits count), else from disk; undefined when there is none. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  // A file that cannot be read offers no presets (the budget, which reads it too, says why).
  const file = await readTeamFile(uri);
  return file.state === 'read' ? file.text : undefined;
}

function diagnosticFor(problem: PresetProblem, text: string): vscode.Diagnostic {
  const range = new vscode.Range(positionAt(text, problem.offset), positionAt(text, problem.offset + problem.length));
  const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'ImageGen';
  return diagnostic;
}

function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, before.length - (before.lastIndexOf('\n') + 1));
}
