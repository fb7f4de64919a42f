// The ICD-10-CM code list the app ships (FY2024, chapter 5: F01–F99, from the public-domain CMS/NCHS
// code-descriptions file; data/README.md says where it came from). It is data, read from the file
// beside this module (scripts/build-electron.ts copies data/ beside the bundle), parsed and loaded
// into icd10_codes and its FTS5 index at unlock whenever the stored version is not this file's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { codeSetVersion, replaceCodeSet, type CodeRow } from './queries.ts';

export const CODE_LIST_FILE = 'icd10cm-2024-chapter5.tsv';
/** What the packaged app carries in dist/electron/data/ (scripts/build-electron.ts copies them). */
export const BUNDLED_DATA_FILES: readonly string[] = [CODE_LIST_FILE, 'README.md'];

/** The data folder: beside the bundle in the app (dist/electron/data/), beside this file from source. */
export function codeListPath(): string {
  const folder = 'data';
  return join(fileURLToPath(new URL(folder, import.meta.url)), CODE_LIST_FILE);
}

/** A listed code as the file writes it: the dot after the third character, billable codes only. */
const LISTED_CODE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export interface CodeList {
  /** The file's name and the start of its SHA-256: a changed file is a new version. */
  version: string;
  codes: CodeRow[];
}

/** Parses the file: '#' lines are its header (the source), then CODE<TAB>DESCRIPTION a line. */
export function parseCodeList(text: string, name = CODE_LIST_FILE): CodeList {
  const codes: CodeRow[] = [];
  const seen = new Set<string>();
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [code = '', description = '', ...rest] = line.split('\t');
    if (!LISTED_CODE.test(code) || description.trim() === '' || rest.length > 0 || seen.has(code)) {
      throw new Error(`${name}: line ${String(i + 1)} is not CODE<TAB>DESCRIPTION`);
    }
    seen.add(code);
    codes.push({ code, description: description.trim() });
  }
  if (codes.length === 0) throw new Error(`${name}: no codes`);
  const sha = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { version: `${name}#${sha}`, codes };
}

export const readCodeList = (): CodeList => parseCodeList(readFileSync(codeListPath(), 'utf8'));

/**
 * Loads the list into the database when the stored version differs (a new database, or an app that
 * ships a newer list); otherwise does nothing. `write` runs the replacement in one transaction.
 */
export async function ensureCodeSet(
  db: Kysely<DB>,
  write: (fn: (trx: Kysely<DB>) => Promise<void>) => Promise<void>,
  at: string,
  list: () => CodeList = readCodeList,
): Promise<boolean> {
  const wanted = list();
  if ((await codeSetVersion(db)) === wanted.version) return false;
  await write(async (trx) => {
    if ((await codeSetVersion(trx)) === wanted.version) return;
    await replaceCodeSet(trx, wanted.version, wanted.codes, at);
  });
  return true;
}
