// SQLite must never be opened over a network share: its file locking is unreliable there
// (DESIGN.md section 9). Refuse a data folder on one.
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';

// statfs f_type values of network file systems on Linux (linux/magic.h).
const NETWORK_FS_TYPES = new Set([
  0x6969, // NFS
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x517b, // SMB
  0x564c, // NCP
  0x65735546, // FUSE (sshfs and friends)
  0x01021997, // 9P
  0x73757245, // CODA
  0x6b414653, // AFS
]);

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  return p;
}

export function isNetworkPath(path: string): boolean {
  // Windows UNC paths (\\server\share) and their long forms.
  if (/^(\\\\|\/\/)(?!\?\\[A-Za-z]:)/.test(path)) return true;
  if (process.platform !== 'linux') return false;
  try {
    return NETWORK_FS_TYPES.has(statfsSync(nearestExisting(path)).type >>> 0);
  } catch {
    return false;
  }
}

export function assertLocalFolder(path: string): void {
  if (isNetworkPath(path)) {
    throw new AppError(
      'CONFLICT',
      'The Stillwater data folder is on a network share. The database must live on this computer’s own disk.',
    );
  }
}
