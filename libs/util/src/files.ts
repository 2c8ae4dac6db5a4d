import { randomUUID } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';

const temporaryNameOf = (path: string) => `${path}.${process.pid}.${randomUUID()}.tmp`;

/**
 * Writes `text` to `path` unless another process got there first; either way returns what is on
 * disk. For keys made on first use that several processes may make at once: the file is written
 * under a temporary name and then linked into place (link() fails when the target exists, unlike
 * rename()), so the first writer wins and a reader never sees half a file.
 */
export async function createFileExclusively(path: string, text: string, mode: number): Promise<string> {
  const temporary = temporaryNameOf(path);
  await writeFile(temporary, text, { mode, flag: 'wx' });
  try {
    await link(temporary, path);
    return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readFile(path, 'utf8');
  } finally {
    await unlink(temporary);
  }
}

/** Replaces `path` with `text` at once (write, then rename): readers see the old file or the new one. */
export async function writeFileAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = temporaryNameOf(path);
  await writeFile(temporary, text, { mode, flag: 'wx' });
  await rename(temporary, path);
}
