// The standalone server's memory of its tasks across restarts: `.imagegen/mcp-tasks.json` in the
// workspace (the folder ignores itself with a `.gitignore` of `*`). A task is written before its
// request is sent, again when the provider accepts it and when it ends, so a server that stops at
// any point finds it on its next start. Written whole to a temp file and renamed over the old one;
// read leniently (an entry that does not fit is set aside with the file, the others kept; a file
// that cannot be read is set aside and reported, never a crash); bounded (finished entries go after
// a week, and past a cap the oldest finished first); kept by one server at a time (journalLock.ts).
// It holds prompts, paths and ids: never a key.
import { randomBytes } from 'node:crypto';
import { copyFile, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { ensureImagegenFolder, imagegenFolderName } from '../saving/imagegenFolder';
import { renameWithRetry } from '../saving/renameWithRetry';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { assetSetKinds, outputOptionsSchema } from '../core/output/outputOptions';
import { candidateMarkSchema } from '../core/tasks/taskRecord';
import { claimJournal, type JournalClaim } from './journalLock';

export const journalFolderName = imagegenFolderName;
export const journalFileName = 'mcp-tasks.json';
const journalVersion = 1;
/** Finished tasks are remembered this long (get_task and list_tasks answer for them)… */
export const finishedKeptMs = 7 * 24 * 60 * 60 * 1000;
/** …and at most this many of them. Unfinished tasks are never dropped: they may be charged. */
export const maxFinishedEntries = 200;

export const taskStates = ['submitting', 'running', 'succeeded', 'failed', 'cancelled', 'unconfirmed'] as const;
export type TaskState = (typeof taskStates)[number];

export const journalEntrySchema = z.object({
  /** Our id for the task, also AIReiter's out_task_id. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  input: z.object({
    modelKey: z.string(),
    prompt: z.string(),
    aspectRatio: z.optional(z.string()),
    resolution: z.optional(z.string()),
    size: z.optional(z.string()),
    quality: z.optional(z.string()),
    referenceImages: z.optional(z.array(z.string())),
    output: z.optional(outputOptionsSchema),
  }),
  /** The folder the call asked for, relative to the workspace with `/`. */
  folder: z.string(),
  /** The file name the call's time gave, so a resumed task saves under the same name. */
  baseName: z.string().check(z.minLength(1)),
  state: z.enum(taskStates),
  createdAt: z.number(),
  acceptedAt: z.optional(z.number()),
  finishedAt: z.optional(z.number()),
  /** A fingerprint of the provider's base URL (not the URL: it could hold credentials). */
  endpoint: z.string(),
  providerTaskId: z.optional(z.string()),
  estimatedCredits: z.optional(z.number()),
  creditsUsed: z.optional(z.number()),
  progress: z.optional(z.number()),
  path: z.optional(z.string()),
  /** The provider's image on disk while its output is made (relative, `/`): a restart delivers it from here. */
  savedImage: z.optional(z.object({ path: z.string(), width: z.number(), height: z.number(), format: z.enum(['png', 'jpeg', 'webp']), bytes: z.number() })),
  /** An asset set's files, relative to the workspace with `/`, `path` among them. */
  assetSet: z.optional(z.object({ kind: z.enum(assetSetKinds), files: z.array(z.object({ path: z.string(), width: z.number(), height: z.number() })).check(z.maxLength(64)) })),
  pixels: z.optional(z.string()),
  error: z.optional(z.string()),
  /** What the agent should know beside the state (a call cancelled mid-submit, a missing key). */
  note: z.optional(z.string()),
  /** Nothing more can be known: the request may have reached the provider and been charged. */
  mayHaveBeenCharged: z.optional(z.boolean()),
  /**
   * One of several candidates of one request (issue 25): its group, which of how many, and the task
   * whose one request brings its image (OpenAI `n`). Absent in journals written before candidates.
   */
  candidate: z.optional(candidateMarkSchema),
});

export type JournalEntry = z.infer<typeof journalEntrySchema>;

const journalFileSchema = z.object({ version: z.number(), tasks: z.array(z.unknown()) });

export { endpointFingerprint } from '../engine/endpointFingerprint';

export const isFinished = (state: TaskState) => state !== 'submitting' && state !== 'running';

/** The entries worth keeping at `now`: every unfinished one, and the newest finished ones within the week. */
export function pruneEntries(entries: readonly JournalEntry[], now: number): JournalEntry[] {
  const finished = entries
    .filter((entry) => isFinished(entry.state) && now - (entry.finishedAt ?? entry.createdAt) < finishedKeptMs)
    .sort((a, b) => (b.finishedAt ?? b.createdAt) - (a.finishedAt ?? a.createdAt))
    .slice(0, maxFinishedEntries);
  const kept = new Set(finished);
  return entries.filter((entry) => !isFinished(entry.state) || kept.has(entry));
}

/** `whole`: the file as a whole could not be read (no entry was kept). */
export type JournalRead = { readonly entries: JournalEntry[]; readonly problems: readonly string[]; readonly whole?: true };

/** Reads the journal's text: the entries that fit, and what was wrong with the rest. */
export function parseJournal(text: string): JournalRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { entries: [], problems: ['it is not JSON'], whole: true };
  }
  const file = journalFileSchema.safeParse(json);
  if (!file.success) return { entries: [], problems: ['it is not a task journal ({ version, tasks })'], whole: true };
  if (file.data.version !== journalVersion) return { entries: [], problems: [`it is version ${file.data.version}, this server writes version ${journalVersion}`], whole: true };
  const entries: JournalEntry[] = [];
  const problems: string[] = [];
  file.data.tasks.forEach((candidate, index) => {
    const entry = journalEntrySchema.safeParse(candidate);
    if (entry.success) entries.push(entry.data);
    else problems.push(`task ${index + 1}: ${entry.error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ')}`);
  });
  return { entries, problems };
}

export class TaskJournal {
  private writing: Promise<boolean> = Promise.resolve(true);

  private constructor(
    private readonly folder: string,
    private readonly log: (line: string) => void,
    private readonly release: () => Promise<void> = async () => undefined,
  ) {}

  get file(): string {
    return join(this.folder, journalFileName);
  }

  /**
   * Opens the workspace's journal for this server and reads what it remembers; a file that cannot
   * be read is set aside and said on `log`. No journal when another running server keeps it (or
   * the folder cannot be made): this server's tasks then live only while it runs.
   */
  static async open(workspace: string, log: (line: string) => void, now = Date.now()): Promise<{ journal?: TaskJournal; entries: JournalEntry[] }> {
    const folder = join(workspace, journalFolderName);
    let claim: JournalClaim;
    try {
      await ensureImagegenFolder(folder);
      claim = await claimJournal(folder);
    } catch (error) {
      log(`The task journal in ${folder} cannot be used (${(error as NodeJS.ErrnoException).code ?? String(error)}); tasks are kept only while the server runs.`);
      return { entries: [] };
    }
    if (!claim.ok) {
      log(`Another ImageGen MCP server${claim.holder ? ` (pid ${claim.holder})` : ''} keeps this workspace's task journal; this one resumes nothing, and its own tasks are kept only while it runs.`);
      return { entries: [] };
    }
    const journal = new TaskJournal(folder, log, claim.release);
    let text: string;
    try {
      text = await readFile(journal.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`The task journal ${journal.file} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); starting without remembered tasks.`);
      return { journal, entries: [] };
    }
    const read = parseJournal(text);
    if (read.problems.length > 0) {
      // Kept as it was beside the journal, so no task it named is lost to a bad line.
      const aside = `${journal.file}.unreadable-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
      const setAside = await copyFile(journal.file, aside).then(() => true, () => false);
      const problems = `${read.problems.slice(0, 3).join(' | ')}${read.problems.length > 3 ? ` and ${read.problems.length - 3} more` : ''}`;
      const kept = read.whole ? 'starting without remembered tasks' : `${read.entries.length} task(s) kept`;
      log(`The task journal ${journal.file} ${read.whole ? 'could not be read' : 'was partly unreadable'} (${problems}); ${setAside ? `the file was set aside as ${aside}; ` : ''}${kept}.`);
    }
    return { journal, entries: pruneEntries(read.entries, now) };
  }

  /** Writes these entries (pruned) as the journal; writes happen one after another; `false` (and a log line) when it failed. */
  save(entries: readonly JournalEntry[], now = Date.now()): Promise<boolean> {
    // Parsed on the way out too: only the schema's fields are written (nothing a task object carries besides).
    const tasks = pruneEntries(entries, now).flatMap((entry) => {
      const checked = journalEntrySchema.safeParse(entry);
      if (!checked.success) this.log(`Task ${entry.id} is not written to the task journal: ${checked.error.issues[0]?.message ?? 'invalid'}.`);
      return checked.success ? [checked.data] : [];
    });
    const text = `${JSON.stringify({ version: journalVersion, tasks }, null, 1)}\n`;
    this.writing = this.writing.then(() => this.write(text));
    return this.writing;
  }

  /** Settles when every write asked for so far is done. */
  async flushed(): Promise<void> {
    await this.writing;
  }

  /** After the last write: another server may keep the journal from now on. */
  async close(): Promise<void> {
    await this.writing;
    await this.release();
  }

  private async write(text: string): Promise<boolean> {
    const temp = join(this.folder, `${journalFileName}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await ensureImagegenFolder(this.folder);
      await writeFile(temp, text, { flag: 'wx' });
      await renameWithRetry(temp, this.file, rename);
      return true;
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      this.log(`The task journal ${this.file} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); a new task is not sent until it can be, and tasks running now are not resumed after a restart.`);
      return false;
    }
  }
}
