// The packaged app's note-search worker: the bundle beside main.js (not the TypeScript source the
// tests use) opens a real practice's encrypted database with the data key it is handed and ranks
// its notes, so search in the installed app does not fail on a missing or broken bundle. A wrong
// key is refused, not answered from an empty database.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { SearchReply, SearchRequest } from '../../../main/core/notes/search-worker.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { distElectron, ensureShellBuilt } from './shell-build.ts';

let practice: TestPractice | null = null;
beforeAll(() => {
  ensureShellBuilt();
});
afterEach(async () => {
  await practice?.close();
  practice = null;
});

/** Starts the bundled worker on `file` with `key`, asks one question, and ends it. */
async function askBundled(file: string, key: Buffer, request: SearchRequest): Promise<SearchReply | Error> {
  const worker = new Worker(pathToFileURL(join(distElectron, 'search-worker.js')), {
    workerData: { file, key: new Uint8Array(key) },
  });
  try {
    return await new Promise<SearchReply | Error>((done) => {
      worker.once('message', done);
      worker.once('error', done);
      worker.postMessage(request);
    });
  } finally {
    await worker.terminate();
  }
}

it('dist/electron/search-worker.js ranks a real practice’s notes, and refuses a wrong key', async () => {
  practice = await makePractice();
  const me = (await practice.ok('app.status', {})).session?.user.id ?? '';
  const client = await practice.ok('clients.create', adultClient(me, { legalFirstName: 'Bundla' }));
  const weak = await signedNote(practice, 'w1', client.id, '2026-02-02', 'heliotrope');
  const strong = await signedNote(
    practice,
    'w1',
    client.id,
    '2026-02-03',
    'heliotrope heliotrope heliotrope',
  );
  await signedNote(practice, 'w1', client.id, '2026-02-04', 'unrelated');
  const seqOf = async (noteId: string) =>
    (
      await practice?.core.ctx.vault.db.db
        .selectFrom('notes')
        .select('seq')
        .where('id', '=', noteId)
        .executeTakeFirst()
    )?.seq;
  const expected = [await seqOf(strong), await seqOf(weak)];
  const key = practice.core.ctx.vault.copyDataKey();
  const file = join(practice.dir, DATABASE_FILE);
  try {
    const best = await askBundled(file, key, {
      id: 1,
      kind: 'best',
      match: '"heliotrope"',
      count: 10,
      above: null,
      upTo: null,
    });
    expect(best).toMatchObject({ id: 1 });
    expect('scored' in best ? best.scored.map((s) => s.rowid) : best).toEqual(expected);
    const wrong = Buffer.alloc(32, 7);
    const refused = await askBundled(file, wrong, {
      id: 2,
      kind: 'best',
      match: '"heliotrope"',
      count: 10,
      above: null,
      upTo: null,
    });
    expect(refused).toBeInstanceOf(Error);
  } finally {
    key.fill(0);
  }
});
