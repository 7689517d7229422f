// `imagegen tasks`: the tasks the workspace's journal holds, newest first, read without taking the
// journal's lock (the file is only ever replaced whole), so it works beside a running MCP server or
// another command, and changes nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { journalFileName, journalFolderName, parseJournal, type JournalEntry } from '../mcp/taskJournal';
import { realWorkspace } from '../mcp/workspaceFiles';
import { exitCodes, type ExitCode } from './failures';
import { journalPath, outcomeLine, taskFacts } from './taskReport';
import type { Terminal } from './terminal';

export async function runTasks(command: { readonly workspace: string; readonly json: boolean }, terminal: Terminal): Promise<ExitCode> {
  const workspace = await realWorkspace(command.workspace);
  const entries = (await readEntries(workspace, terminal)).sort((a, b) => b.createdAt - a.createdAt);
  if (command.json) {
    await terminal.printJson({ command: 'tasks', workspace, journal: join(workspace, journalFolderName, journalFileName), tasks: entries.map((entry) => taskFacts(entry, workspace)) });
    return exitCodes.saved;
  }
  if (entries.length === 0) {
    terminal.say(`no tasks in ${journalPath} of ${workspace}.`);
    return exitCodes.saved;
  }
  const lines = entries.map((entry) => `${new Date(entry.createdAt).toISOString().slice(0, 19).replace('T', ' ')}  ${entry.state.padEnd(11)}  ${entry.input.modelKey.padEnd(28)}  ${entry.state === 'succeeded' ? (entry.path ?? '') : outcomeLine(entry)}\n  ${entry.id}  "${oneLine(entry.input.prompt)}"`);
  await terminal.print(`${lines.join('\n')}\n`);
  const open = entries.filter((entry) => entry.state === 'submitting' || entry.state === 'running').length;
  if (open > 0) terminal.say(`${open} unfinished: imagegen resume follows them (imagegen resume ID for one).`);
  return exitCodes.saved;
}

async function readEntries(workspace: string, terminal: Terminal): Promise<JournalEntry[]> {
  const file = join(workspace, journalFolderName, journalFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') terminal.say(`the task journal ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    return [];
  }
  const read = parseJournal(text);
  if (read.problems.length > 0) terminal.say(`the task journal ${file} ${read.whole ? 'could not be read' : 'is partly unreadable'}: ${read.problems.slice(0, 3).join(' | ')}; the next resume sets it aside.`);
  return read.entries;
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
};
