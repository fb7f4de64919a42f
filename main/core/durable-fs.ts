// Durable file operations shared by the keyring, backups and release packages: a write that is on
// disk when it returns, write-then-rename, and fsync of a folder (so a new file or a rename in it
// survives a power cut).
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes a folder's entries (new files, a rename into it) durable; Windows has no directory fsync. */
export function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS renames are journaled there.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes and fsyncs a file, readable by its owner only. `wx` refuses to overwrite. */
export function writeFileDurable(file: string, data: Buffer | string, flags: 'w' | 'wx' = 'w'): void {
  const fd = openSync(file, flags, 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces a file all at once: a durable temp file renamed over it, then the folder fsynced. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileDurable(tmp, text);
  renameSync(tmp, file);
  fsyncDir(dirname(file));
}
