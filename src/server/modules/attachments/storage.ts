import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config } from '../../config.ts';

// Files live under `<data dir>/attachments/<first two hex digits of the sha256>/<uuid>`; the
// database row holds the storage key (the part after `attachments/`). A file is written to
// tmp/ first and renamed into place only inside the transaction that inserts its row.

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export function attachmentRoot(config: Pick<Config, 'dataDir'>): string {
  return `${config.dataDir.replace(/\/$/, '')}/attachments`;
}

export function newStorageKey(sha256: string): string {
  return `${sha256.slice(0, 2)}/${randomUUID()}`;
}

/** The file's path; a key that is not of our own making never leaves the folder. */
export function storedPath(root: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  return `${root}/${key}`;
}

/** Writes the bytes to a temporary file in the same file system and returns its path. */
export async function writeTemp(root: string, data: Uint8Array): Promise<string> {
  await mkdir(`${root}/tmp`, { recursive: true });
  const path = `${root}/tmp/${randomUUID()}.part`;
  try {
    await writeFile(path, data, { flag: 'wx' });
  } catch (err) {
    await removeQuietly(path);
    throw err;
  }
  return path;
}

/** Moves a temporary file to its final place (atomic: same file system). */
export async function moveIntoPlace(root: string, tempPath: string, key: string): Promise<void> {
  const target = storedPath(root, key);
  await mkdir(dirname(target), { recursive: true });
  await rename(tempPath, target);
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}

/** Opens a stored file for reading; null when it is missing from disk. */
export async function openStored(root: string, key: string) {
  try {
    return await open(storedPath(root, key), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
