// The destruction register: every destroyed chart's tombstone, kept beside the database in the data
// folder (not in it), so that a restore of an older backup (which brings the chart's rows back) is
// followed at the next unlock by the same destruction again. The file is sealed with AES-256-GCM
// under a key derived from the practice's data key: it names no client, and a file made or edited
// outside Stillwater cannot order a chart destroyed (the tag fails and the file is ignored).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../durable-fs.ts';
import type { TombstoneRow } from './queries.ts';

export const REGISTER_FILE = 'destroyed-charts.json';
const FORMAT = 'stillwater-destruction-register/1';
const INFO = 'stillwater destruction register v1';

const b64 = z.base64().max(10_000_000);
const Sealed = z.strictObject({ format: z.literal(FORMAT), iv: b64, ct: b64, tag: b64 });

const Entry = z.strictObject({
  client_id: z.string(),
  chart_number: z.string(),
  registered_on: z.string(),
  last_visit_on: z.string().nullable(),
  retention_until: z.string(),
  rule: z.string(),
  reason: z.string(),
  approved_by: z.string(),
  approved_by_name: z.string(),
  destroyed_at: z.string(),
  certificate_folder: z.string(),
  certificate_sha256: z.string(),
});
const Entries = z.array(Entry);

const sealKey = (dataKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), INFO, 32));

export const registerFile = (dataDir: string): string => join(dataDir, REGISTER_FILE);

/** The register's entries; [] when there is none yet; 'unreadable' when it does not open with this key. */
export function readRegister(dataDir: string, dataKey: Buffer): TombstoneRow[] | 'unreadable' {
  const file = registerFile(dataDir);
  if (!existsSync(file)) return [];
  const key = sealKey(dataKey);
  try {
    const sealed = Sealed.parse(JSON.parse(readFileSync(file, 'utf8')));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(FORMAT));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
    return Entries.parse(JSON.parse(text.toString('utf8')));
  } catch {
    return 'unreadable';
  } finally {
    key.fill(0);
  }
}

/** Moves a register that does not open out of the way, under a dated name (never deleted). */
export function setAsideRegister(dataDir: string, now: number): void {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '');
  renameSync(registerFile(dataDir), join(dataDir, `destroyed-charts.unreadable-${stamp}.json`));
}

export function writeRegister(dataDir: string, dataKey: Buffer, entries: readonly TombstoneRow[]): void {
  const key = sealKey(dataKey);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(FORMAT));
    const ct = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
    const sealed = {
      format: FORMAT,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    writeFileAtomic(registerFile(dataDir), JSON.stringify(sealed));
  } finally {
    key.fill(0);
  }
}
