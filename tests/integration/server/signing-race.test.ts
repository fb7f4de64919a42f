// Signing on the practice server, where a row read early in a transaction is not locked: two
// workstations signing the same draft at once, or one signing while the author saves it elsewhere,
// never both "win". markSigned is a compare-and-set on the version the signer read; the other
// signer gets 0 rows and the notes service answers CONFLICT ("This note changed while it was being
// signed"). On a practice moved onto a real PostgreSQL, each side in its own transaction.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/schema.ts';
import { getNote, markSigned } from '../../../main/core/notes/queries.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { movedOntoServer, type ServerPractice } from '../../helpers/pg-practice.ts';

const signing = (at: string) => ({
  episode_id: null,
  addressed_diagnoses: null,
  goal_progress: null,
  signed_at: at,
  content_hash: 'h',
  cosign_by: null,
  updated_at: at,
});

/** Reads the note, waits for the other side to read too, then signs: both read the same version. */
async function signAfterBothRead(
  db: Kysely<DB>,
  noteId: string,
  at: string,
  bothRead: { arrive: () => Promise<void> },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const read = await getNote(trx, noteId);
    await bothRead.arrive();
    return markSigned(trx, noteId, read?.updated_at ?? '', signing(at));
  });
}

function barrier(parties: number): { arrive: () => Promise<void> } {
  let waiting = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((r) => {
    release = r;
  });
  return {
    arrive: () => {
      waiting += 1;
      if (waiting === parties) release();
      return all;
    },
  };
}

describe('signing races on the practice server', () => {
  let p: TestPractice | undefined;
  let server: ServerPractice | undefined;
  const drafts: string[] = [];

  beforeAll(async () => {
    const practice = await makePractice();
    p = practice;
    const clin = await signedInStaff(practice, 'clinician', 'Alex Example', 'w-a');
    const client = (await practice.ok('clients.create', adultClient(clin.id), 'w-a')).id;
    for (const day of ['2026-11-02', '2026-11-03']) {
      drafts.push(
        (await practice.ok('notes.saveDraft', dapNote(client, { serviceDate: day }), 'w-a')).noteId,
      );
    }
    const pg = await movedOntoServer(practice);
    server = pg;
  }, 120_000);
  afterAll(async () => {
    await server?.remove();
    await p?.close();
  });

  it('two workstations sign the same draft at once: exactly one signs', async () => {
    if (!server) throw new Error('no server');
    const one = server.open(await server.newLogin()).db;
    const two = server.open(await server.newLogin()).db;
    const noteId = drafts[0] ?? '';
    const both = barrier(2);
    const results = await Promise.all([
      signAfterBothRead(one, noteId, '2026-12-07T10:00:00.000Z', both),
      signAfterBothRead(two, noteId, '2026-12-07T10:00:00.001Z', both),
    ]);
    expect(results.sort()).toEqual([false, true]);
    const note = await getNote(one, noteId);
    expect(note?.status).toBe('signed');
  });

  it('a save committed elsewhere after the signer read makes the signature miss', async () => {
    if (!server) throw new Error('no server');
    const signer = server.open(await server.newLogin()).db;
    const author = server.open(await server.newLogin()).db;
    const noteId = drafts[1] ?? '';
    const signed = await signer.transaction().execute(async (trx) => {
      const read = await getNote(trx, noteId);
      await author
        .updateTable('notes')
        .set({ sections: '{"data":"Synthetic: saved later."}', updated_at: '2026-12-07T11:00:00.000Z' })
        .where('id', '=', noteId)
        .execute();
      return markSigned(trx, noteId, read?.updated_at ?? '', signing('2026-12-07T11:00:01.000Z'));
    });
    expect(signed).toBe(false);
    expect((await getNote(author, noteId))?.status).toBe('draft');
  });
});
