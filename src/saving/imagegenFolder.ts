// ImageGen's own folder in a workspace, `.imagegen/`: the MCP server's task journal and the
// spending ledger live there. It ignores itself (a `.gitignore` of `*`): nothing in it belongs in
// version control, and a teammate's clone starts with an empty ledger of its own.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const imagegenFolderName = '.imagegen';

/** Creates `folder` (a workspace's `.imagegen`) with its `.gitignore`, if they are not there yet. */
export async function ensureImagegenFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '.gitignore'), '*\n', { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}
