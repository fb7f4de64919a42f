// Reads and checks a backup folder: the manifest first (damage shows before any key is asked for),
// then the files' sizes and SHA-256s, then the recovery key, the seal, and the database itself.
// Writes nothing: the CLI, restore and the post-write verification all use it.
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index.ts';
import { parseRecoveryKey, slotKey, unwrapKey, zeroize } from '../vault/index.ts';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupProblem,
  bodyHash,
  copyBlocks,
  DATABASE_NAME,
  Manifest,
  MANIFEST_NAME,
  sealOf,
  sha256File,
  TEMP_PREFIX,
  TRASH_PREFIX,
  type ManifestBody,
} from './format.ts';
import { checkDatabase, checkDatabaseBeside, type DatabaseCheck } from './snapshot.ts';

/** A backup is chosen as its folder or any file in it (the file dialog shows files). */
export function backupDirOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return path;
  }
}

const tooNew = (what: string): BackupProblem =>
  new BackupProblem(
    'too-new',
    `This backup was made by a newer version of Stillwater (${what}). Install that version or a later one to restore it; nothing was changed.`,
  );

/** The manifest, checked for damage and version, without the key. */
export function readManifest(path: string, options: { partialOk?: boolean } = {}): Manifest {
  const dir = backupDirOf(path);
  if (!options.partialOk && basename(dir).startsWith(TEMP_PREFIX)) {
    throw new BackupProblem(
      'incomplete',
      'This is an unfinished backup (it was interrupted). Choose another one.',
    );
  }
  if (basename(dir).startsWith(TRASH_PREFIX)) {
    throw new BackupProblem(
      'incomplete',
      'This backup was being removed as an old generation; it may be incomplete. Choose another one.',
    );
  }
  const file = join(dir, MANIFEST_NAME);
  if (!existsSync(file)) {
    throw new BackupProblem('not-a-backup', 'That is not a Stillwater backup (it has no manifest).');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BackupProblem('damaged', 'The backup’s manifest is damaged: it cannot be read.');
  }
  const format = (
    raw as { body?: { format?: unknown; formatVersion?: unknown; schemaVersion?: unknown } } | null
  )?.body;
  if (format?.format !== BACKUP_FORMAT) {
    throw new BackupProblem('not-a-backup', 'That is not a Stillwater backup.');
  }
  if (typeof format.formatVersion === 'number' && format.formatVersion > BACKUP_FORMAT_VERSION) {
    throw tooNew(
      `backup format ${String(format.formatVersion)}; this version reads ${String(BACKUP_FORMAT_VERSION)}`,
    );
  }
  if (typeof format.schemaVersion === 'number' && format.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw tooNew(
      `database schema ${String(format.schemaVersion)}; this version knows ${String(LATEST_SCHEMA_VERSION)}`,
    );
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success || bodyHash(parsed.data.body) !== parsed.data.sha256) {
    throw new BackupProblem('damaged', 'The backup’s manifest is damaged: it does not match its checksum.');
  }
  return parsed.data;
}

function sizeProblem(f: ManifestBody['files'][number], size: number): void {
  if (size === f.bytes) return;
  throw new BackupProblem(
    size < f.bytes ? 'incomplete' : 'damaged',
    size < f.bytes
      ? `The backup is incomplete: ${f.name} is shorter than when it was written (truncated).`
      : `The backup is damaged: ${f.name} is longer than when it was written.`,
  );
}

/** Sizes and SHA-256 of every file the manifest lists. */
export function checkFiles(dir: string, body: ManifestBody): void {
  for (const f of body.files) {
    const file = join(dir, f.name);
    if (!existsSync(file))
      throw new BackupProblem('incomplete', `The backup is incomplete: ${f.name} is missing.`);
    sizeProblem(f, statSync(file).size);
    if (sha256File(file) !== f.sha256) {
      throw new BackupProblem(
        'damaged',
        `The backup is damaged: ${f.name} does not match its SHA-256 checksum.`,
      );
    }
  }
}

const recoveryAad = (practiceId: string): string => `recovery:${practiceId}`;

/** The data key from the backup's own recovery slot; a wrong key is its own error. */
export function dataKeyFromRecovery(body: ManifestBody, recoveryKey: string): Buffer {
  const parsed = parseRecoveryKey(recoveryKey);
  if (!parsed.ok) {
    throw new BackupProblem(
      'wrong-key',
      parsed.reason === 'checksum'
        ? 'That recovery key has a typing mistake: check each group against the printed copy.'
        : 'A recovery key has 13 groups of 4 letters and digits.',
    );
  }
  const kek = slotKey(parsed.bytes, Buffer.from(body.keys.recovery.salt, 'base64'), 'recovery');
  const key = unwrapKey(kek, body.keys.recovery.wrapped, recoveryAad(body.practiceId));
  zeroize(kek, parsed.bytes);
  if (!key || !keyMatches(body, key)) {
    zeroize(key);
    throw new BackupProblem('wrong-key', 'That recovery key does not open this backup.');
  }
  return key;
}

export function keyMatches(body: ManifestBody, dataKey: Buffer): boolean {
  const mine = Buffer.from(
    createHmac('sha256', dataKey).update(`stillwater/key-check:${body.practiceId}`).digest('base64'),
    'base64',
  );
  const theirs = Buffer.from(body.keys.keyCheck, 'base64');
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}

export interface VerifiedBackup extends DatabaseCheck {
  manifest: Manifest;
  dir: string;
  sizeBytes: number;
}

/** Everything: manifest, files, key, seal, integrity, audit chain against the recorded head, counts. */
export function verifyBackup(path: string, dataKey: Buffer): VerifiedBackup {
  const dir = backupDirOf(path);
  const manifest = readManifest(dir);
  checkFiles(dir, manifest.body);
  checkKeyAndSeal(manifest, dataKey);
  return checkContents(manifest, dir, checkDatabase(join(dir, DATABASE_NAME), dataKey));
}

/**
 * Restore's check: the same proof as verifyBackup, with the database copied to `target` (which
 * must not exist) while its SHA-256 is computed, then checked there: one read of the backup, one
 * decrypting pass of the copy (integrity, counts, chain). On any problem the copy is removed.
 */
export async function copyVerified(
  path: string,
  target: string,
  dataKey: Buffer,
  chainBeside?: (file: string) => Promise<{ count: number; hash: string }>,
): Promise<VerifiedBackup> {
  const dir = backupDirOf(path);
  const manifest = readManifest(dir);
  const file = manifest.body.files.find((f) => f.name === DATABASE_NAME);
  if (!file) throw new BackupProblem('incomplete', `The backup is incomplete: ${DATABASE_NAME} is missing.`);
  checkFiles(dir, { ...manifest.body, files: manifest.body.files.filter((f) => f !== file) });
  checkKeyAndSeal(manifest, dataKey);
  try {
    copyHashed(dir, file, target);
    return checkContents(
      manifest,
      dir,
      chainBeside
        ? await checkDatabaseBeside(target, dataKey, chainBeside(target))
        : checkDatabase(target, dataKey),
    );
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}

/** Copies one listed file, hashing as it goes, and makes the copy durable. */
function copyHashed(dir: string, f: ManifestBody['files'][number], target: string): void {
  const source = join(dir, f.name);
  if (!existsSync(source))
    throw new BackupProblem('incomplete', `The backup is incomplete: ${f.name} is missing.`);
  const h = createHash('sha256');
  const from = openSync(source, 'r');
  let bytes: number;
  try {
    bytes = copyBlocks(from, target, { onBlock: (block) => h.update(block) });
  } finally {
    closeSync(from);
  }
  sizeProblem(f, bytes);
  if (h.digest('hex') !== f.sha256) {
    throw new BackupProblem(
      'damaged',
      `The backup is damaged: ${f.name} does not match its SHA-256 checksum.`,
    );
  }
}

/** The data key matches the manifest and the manifest's seal (before the database is opened). */
function checkKeyAndSeal(manifest: Manifest, dataKey: Buffer): void {
  const { body } = manifest;
  if (!keyMatches(body, dataKey)) throw new BackupProblem('wrong-key', 'This backup belongs to another key.');
  const seal = Buffer.from(sealOf(body, dataKey), 'hex');
  if (!timingSafeEqual(seal, Buffer.from(manifest.seal, 'hex'))) {
    throw new BackupProblem('damaged', 'The backup’s manifest was altered after it was written.');
  }
}

/** What the database check found against the manifest. */
function checkContents(manifest: Manifest, dir: string, check: DatabaseCheck): VerifiedBackup {
  const { body } = manifest;
  if (check.schemaVersion !== body.schemaVersion) {
    throw new BackupProblem('damaged', 'The backup’s schema version does not match its manifest.');
  }
  if (check.auditHead.count !== body.auditHead.count || check.auditHead.hash !== body.auditHead.hash) {
    throw new BackupProblem('damaged', 'The backup’s audit log does not end where its manifest says.');
  }
  for (const [table, n] of Object.entries(body.counts)) {
    if (check.counts[table] !== n) {
      throw new BackupProblem('damaged', `The backup’s record counts do not match its manifest (${table}).`);
    }
  }
  const sizeBytes = body.files.reduce((sum, f) => sum + f.bytes, 0);
  return { ...check, manifest, dir, sizeBytes };
}
