// What each command takes: its flags with what each allows, in one table the parser (commandLine.ts)
// and the help (usage.ts) both read, so a flag's help and its checks cannot drift apart.
import { maxCandidates } from '../core/candidates/candidateCount';
import { assetSetKinds, backgrounds, defaultWidths, fits, outputFormats } from '../core/output/outputOptions';

export const commandNames = ['generate', 'models', 'tasks', 'resume', 'unused'] as const;
export type CommandName = (typeof commandNames)[number];

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: true;
  /** The value's form, as help shows it (`P:M`, `WxH`). */
  readonly value?: string;
  /** What it does and what it allows, one line. */
  readonly help: string;
}

export interface CommandSpec {
  readonly usage: string;
  readonly summary: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
}

const json: FlagSpec = { type: 'boolean', help: 'print one JSON object on stdout (and nothing else there)' };
const workspace: FlagSpec = { type: 'string', value: 'DIR', help: 'the workspace folder (default: the current folder); every read and write stays inside it' };
const help: FlagSpec = { type: 'boolean', help: 'show this help' };

export const commandSpecs: Readonly<Record<CommandName, CommandSpec>> = {
  generate: {
    usage: 'imagegen generate PROMPT --model P:M [options]',
    summary: 'generate one image (or --count candidates) and save it in the workspace (the provider charges for each)',
    flags: {
      model: { type: 'string', value: 'P:M', help: 'provider:model, required, e.g. jimmyai:nano-banana-pro or aireiter:gpt_image_2 (see `imagegen models`)' },
      'aspect-ratio': { type: 'string', value: 'R', help: "an aspect ratio the model offers, e.g. 16:9 (not with --size)" },
      resolution: { type: 'string', value: '1K|2K|4K', help: 'a resolution the model offers (not with --size)' },
      size: { type: 'string', value: 'WxH', help: 'exact pixels, e.g. 2048x1152, for models that take them' },
      quality: { type: 'string', value: 'Q', help: 'low, medium, high or auto, where the model has qualities' },
      reference: { type: 'string', multiple: true, value: 'PATH', help: 'a PNG, JPEG or WebP reference image inside the workspace (repeat for more)' },
      count: { type: 'string', value: `1-${maxCandidates}`, help: 'make that many candidates of the request, each saved as its own file and charged (default 1); one request where the provider makes several at once' },
      'output-folder': { type: 'string', value: 'DIR', help: 'where the image goes, relative to the workspace (default: assets)' },
      // What is saved; without any of these the provider's image is saved as it is.
      'output-format': { type: 'string', value: outputFormats.join('|'), help: "the saved file's format (default png when another output option is given)" },
      'output-quality': { type: 'string', value: '0-100', help: 'quality of a webp, avif or jpeg file (defaults 80, 60, 85); not for png' },
      'output-size': { type: 'string', value: 'WxH', help: 'exact pixels of the saved file, e.g. 1200x630, reached by --fit (--size is what the model renders)' },
      fit: { type: 'string', value: fits.join('|'), help: 'how --output-size is reached: cover crops (default), contain pads, fill stretches' },
      background: { type: 'string', value: backgrounds.join('|'), help: 'transparent for icons and logos (png or webp, not jpeg); default auto' },
      'asset-set': { type: 'string', value: assetSetKinds.join('|'), help: 'save a set: favicon (ICO and PNGs 16 to 512), og-card (1200x630), responsive (WebP at each of --widths, --output-format the png or jpeg fallback)' },
      widths: { type: 'string', value: 'W,W,…', help: `widths of a responsive set (default ${defaultWidths.join(',')})` },
      avif: { type: 'boolean', help: 'also write AVIF files in a responsive set' },
      workspace,
      json,
      help,
    },
  },
  models: {
    usage: 'imagegen models [--json]',
    summary: 'list the models with their ratios, resolutions, sizes and qualities',
    flags: { json, help },
  },
  tasks: {
    usage: 'imagegen tasks [--workspace DIR] [--json]',
    summary: "list the tasks in the workspace's journal (.imagegen/mcp-tasks.json, shared with the MCP server)",
    flags: { workspace, json, help },
  },
  resume: {
    usage: 'imagegen resume [ID] [--workspace DIR] [--json]',
    summary: 'go on with unfinished tasks from the journal (or the one with this id) and wait until they end',
    flags: { workspace, json, help },
  },
  unused: {
    usage: 'imagegen unused [--workspace DIR] [--json]',
    summary: 'list the images ImageGen made that no file in the workspace links to (path, size, date); deletes nothing',
    flags: { workspace, json, help },
  },
};

/** The flags of a command as help and messages list them: `--model P:M, --json, …`. */
export function flagList(command: CommandName): string {
  return Object.entries(commandSpecs[command].flags)
    .map(([name, spec]) => `--${name}${spec.value ? ` ${spec.value}` : ''}`)
    .join(', ');
}
