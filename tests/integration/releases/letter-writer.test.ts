// The letter writer every issue-19 letter goes through: a folder with the PDF (readable text, a
// manifest that Verify accepts) put in place only after its record is committed; a refused commit
// or a vanished folder leaves nothing on disk and nothing recorded.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { verifyFolder, writeLetter } from '../../../main/core/releases/index.ts';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';
import { pdfText } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const out = tempDir('stillwater-letters-');
let p: TestPractice;

const LETTER: PackageDocument = {
  title: 'Your request to amend your record',
  clientIdentifier: 'Chart C-0001',
  cover: [{ label: 'Date', value: 'December 6, 2026' }],
  sections: [
    {
      heading: 'Our decision',
      subheading: null,
      part2: false,
      blocks: [{ label: null, text: 'Dear Zoë Example-Ñúñez, we have accepted your request.' }],
    },
  ],
  notices: [],
};

beforeAll(async () => {
  p = await makePractice();
});
afterAll(async () => {
  await p.close();
  out.remove();
});

const actions = async (): Promise<string[]> =>
  (await readDb(p.core.ctx).selectFrom('audit_log').select('action').execute()).map((r) => r.action);

describe('writeLetter', () => {
  it('puts a verified letter in place after its record is committed', async () => {
    const seen: string[] = [];
    const letter = await writeLetter(p.core.ctx, {
      destDir: out.path,
      baseName: 'Stillwater-letter-C-0001',
      pdfName: 'letter.pdf',
      document: LETTER,
      commit: (_trx, written) => {
        // The folder is not in place before the commit.
        seen.push(written.folder, String(existsSync(join(out.path, written.folder))));
        return Promise.resolve();
      },
    });
    expect(seen).toEqual(['Stillwater-letter-C-0001', 'false']);
    const dir = join(out.path, letter.folder);
    expect(verifyFolder(dir).ok).toBe(true);
    expect(pdfText(join(dir, 'letter.pdf'))).toContain('Zoë Example-Ñúñez');
    // A second letter with the same name never overwrites the first.
    const again = await writeLetter(p.core.ctx, {
      destDir: out.path,
      baseName: 'Stillwater-letter-C-0001',
      pdfName: 'letter.pdf',
      document: LETTER,
      commit: () => Promise.resolve(),
    });
    expect(again.folder).toBe('Stillwater-letter-C-0001-2');
  });

  it('leaves nothing on disk when the commit is refused', async () => {
    const before = readdirSync(out.path).sort();
    await expect(
      writeLetter(p.core.ctx, {
        destDir: out.path,
        baseName: 'Stillwater-refused',
        pdfName: 'letter.pdf',
        document: LETTER,
        commit: () => Promise.reject(new Error('refused')),
      }),
    ).rejects.toThrow('refused');
    expect(readdirSync(out.path).sort()).toEqual(before);
  });

  it('refuses a folder that is gone, with a clear message and no record', async () => {
    const before = await actions();
    await expect(
      writeLetter(p.core.ctx, {
        destDir: join(out.path, 'unplugged-drive'),
        baseName: 'Stillwater-gone',
        pdfName: 'letter.pdf',
        document: LETTER,
        commit: () => Promise.reject(new Error('must not be called')),
      }),
    ).rejects.toThrow('That folder is no longer there');
    expect(await actions()).toEqual(before);
  });
});
