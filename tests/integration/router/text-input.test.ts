// Text with invisible formatting characters (bidi overrides and isolates, direction marks) or control
// characters, sent through the router as the renderer sends it: refused at the contract with a
// message naming the field, and nothing written (every table and the keyring file unchanged).
// Paragraph fields keep their line breaks and tabs; right-to-left names are welcome.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient, intake } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';

let p: TestPractice;
let clinicianId: string;
let clientId: string;
const CLIN = 'w-clin';

/** Every table's rows and the keyring file: what a refused call must leave exactly as it was. */
function fingerprint(): string {
  const h = createHash('sha256');
  const sqlite = p.core.ctx.vault.db.sqlite;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    // Sorted here: some tables have no rowid.
    const rows = sqlite.prepare(`SELECT * FROM "${name}"`).all();
    h.update(JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
  }
  h.update(readFileSync(join(p.dir, 'keyring.json')));
  return h.digest('hex');
}

beforeAll(async () => {
  p = await makePractice();
  clinicianId = (await signedInStaff(p, 'clinician', 'Dr. Wren Sampleton', CLIN)).id;
  clientId = (await p.ok('clients.create', adultClient(clinicianId))).id;
}, 60_000);
afterAll(async () => {
  await p.close();
});

const INVISIBLE = /contains an invisible formatting character \(such as a text-direction control\)/;

describe('text the contract refuses, through the router', () => {
  it.each([
    ['a right-to-left override', 'Fic\u202Etus'],
    ['a right-to-left isolate', 'Fic\u2067tus\u2069'],
    ['a right-to-left mark', 'Fictus\u200F'],
    ['a zero-width space', 'Fic\u200Btus'],
  ])('a client’s name with %s: the field is named, nothing is written', async (_what, name) => {
    const before = fingerprint();
    const error = await p.fail('clients.create', adultClient(clinicianId, { legalLastName: name }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields).toEqual([
      {
        path: 'legalLastName',
        message:
          'Legal last name contains an invisible formatting character (such as a text-direction control), which can change how it displays or prints. Type it again instead of pasting it.',
      },
    ]);
    expect(fingerprint()).toBe(before);
  });

  it('a line break in a one-line field, and a control character, each say which field', async () => {
    const before = fingerprint();
    const error = await p.fail('clients.update', {
      clientId,
      ...adultClient(clinicianId, {
        legalFirstName: 'Avery\nJo',
        address: { line1: '12 Sample\u0007 Street', city: 'Springfield', region: 'OR', postalCode: '97401' },
      }),
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        {
          path: 'legalFirstName',
          message: 'Legal first name must be on one line, without line breaks or tabs.',
        },
        {
          path: 'address.line1',
          message:
            'Street address contains an invisible control character. Type it again instead of pasting it.',
        },
      ]),
    );
    expect(fingerprint()).toBe(before);
  });

  it('a note section with an isolate is refused before any draft exists', async () => {
    const before = fingerprint();
    const note = dapNote(clientId, {
      sections: { data: 'Synthetic: the client said \u2067nothing changed\u2069 this week.' },
    });
    const error = await p.fail('notes.saveDraft', note, CLIN);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields?.[0]?.path).toBe('sections.data');
    expect(error.fields?.[0]?.message).toMatch(INVISIBLE);
    expect(fingerprint()).toBe(before);
  });

  it('a release recipient with an override is refused, and no request is recorded', async () => {
    const before = fingerprint();
    const error = await p.fail(
      'releases.create',
      {
        clientId,
        details: {
          kind: 'third_party',
          receivedOn: '2026-01-05',
          requesterName: 'Harbor Law Office (synthetic)',
          recipient: { name: 'Harbor \u202ELaw Office', address: '1 Example Plaza, Springfield, OR 97401' },
          purpose: 'Insurance claim review (synthetic)',
          verification: { method: 'signed_request_on_file' },
        },
      },
      CLIN,
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields).toEqual([
      { path: 'details.recipient.name', message: expect.stringMatching(INVISIBLE) as unknown },
    ]);
    expect(fingerprint()).toBe(before);
  });

  it('a password with a control character is refused (a password may hold any printable character)', async () => {
    const before = fingerprint();
    const error = await p.fail('staff.create', {
      displayName: 'Sam Placeholder',
      username: 'splaceholder',
      role: 'front_desk',
      temporaryPassword: 'cobalt-meadow\n-ferry-19',
    });
    expect(error.fields).toEqual([
      {
        path: 'temporaryPassword',
        message: 'The password contains an invisible control character. Type it again instead of pasting it.',
      },
    ]);
    expect(fingerprint()).toBe(before);
  });
});

describe('text the contract takes', () => {
  it('keeps line breaks and tabs in paragraph fields, with Windows line ends stored as \\n', async () => {
    const saved = await p.ok(
      'intake.save',
      intake(clientId, { presentingConcern: 'Synthetic: first line\r\nsecond line\twith a tab' }),
      CLIN,
    );
    expect(saved.presentingConcern).toBe('Synthetic: first line\nsecond line\twith a tab');
  });

  it('takes names in right-to-left scripts, and ZWNJ where Persian needs it', async () => {
    const client = await p.ok(
      'clients.create',
      adultClient(clinicianId, { legalFirstName: 'דנה', legalLastName: 'می‌خواهم', preferredName: 'Zoë' }),
    );
    expect(client.legalFirstName).toBe('דנה');
    expect(client.legalLastName).toBe('می\u200Cخواهم');
  });
});
