// Issue 17: note search ranks in a worker thread with its own read connection (search-thread.ts).
// What a user would notice if that went wrong: a note just signed not found, a search after the
// lock or a restore answering from the database as it was before, a copy of the data key or an
// open handle on the database left behind after the lock, a dead worker hanging every later
// search. Each is tried here through the router, as the renderer calls it.
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger, type Logger } from '../../../main/core/logger.ts';
import { SearchThread } from '../../../main/core/notes/search-thread.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { practiceWithBackupFolder } from '../../helpers/backup-folder.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function practice(): Promise<TestPractice> {
  const p = await makePractice();
  cleanups.push(() => p.close());
  return p;
}

/** The files of `dir` this process (any of its threads) holds open. Linux: /proc/self/fd. */
function openFilesIn(dir: string): string[] {
  const held: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd));
      if (target.startsWith(dir)) held.push(target);
    } catch {
      // The descriptor closed while listing.
    }
  }
  return held;
}

const ownerId = async (p: TestPractice) => (await p.ok('app.status', {})).session?.user.id ?? '';
const noteIds = async (p: TestPractice, query: string, window = 'w1') =>
  (await p.ok('notes.search', { query }, window)).map((h) => h.noteId);

describe('note search in its worker thread', () => {
  it('finds a note signed a moment ago, for the owner and for a clinician', async () => {
    const p = await practice();
    const c = await signedInStaff(p, 'clinician', 'Dr. Fresh Find', 'w-c');
    const client = await p.ok('clients.create', adultClient(c.id, { legalFirstName: 'Fenna' }));
    expect(await noteIds(p, 'quillwort')).toEqual([]);
    expect(await noteIds(p, 'quillwort', 'w-c')).toEqual([]);
    const first = await signedNote(p, 'w-c', client.id, '2026-02-02', 'quillwort');
    // The worker's connection sees the save that was confirmed before the search was asked.
    expect(await noteIds(p, 'quillwort')).toEqual([first]);
    expect(await noteIds(p, 'quillwort', 'w-c')).toEqual([first]);
    expect(await noteIds(p, 'qui', 'w-c')).toEqual([first]);
    const second = await signedNote(p, 'w-c', client.id, '2026-02-03', 'quillwort quillwort');
    expect(await noteIds(p, 'quillwort', 'w-c')).toEqual([second, first]);
  });

  it('after the lock, nothing holds the database open; signing in again searches again', async () => {
    const p = await practice();
    const me = await ownerId(p);
    const client = await p.ok('clients.create', adultClient(me, { legalFirstName: 'Lockwood' }));
    const note = await signedNote(p, 'w1', client.id, '2026-02-02', 'marramgrass');
    expect(await noteIds(p, 'marramgrass')).toEqual([note]);
    expect(openFilesIn(p.dir).length).toBeGreaterThan(0);
    await p.ok('auth.signOut', {});
    // The vault closed (last session) and the search worker with it: no handle on any file of
    // the practice's folder stays open, in the main thread or any other.
    await vi.waitFor(() => {
      expect(openFilesIn(p.dir)).toEqual([]);
    });
    expect((await p.fail('notes.search', { query: 'marramgrass' })).code).toBe('NOT_SIGNED_IN');
    await p.signIn(OWNER.username, OWNER.password);
    expect(await noteIds(p, 'marramgrass')).toEqual([note]);
  });

  it('after a restore, answers from the restored database, not the one kept aside', async () => {
    const { p } = await practiceWithBackupFolder(cleanups);
    const me = await ownerId(p);
    const client = await p.ok('clients.create', adultClient(me, { legalFirstName: 'Restora' }));
    const kept = await signedNote(p, 'w1', client.id, '2026-02-02', 'sandwort');
    await p.ok('backup.runNow', {});
    const [gen] = await p.ok('backup.listGenerations', {});
    const later = await signedNote(p, 'w1', client.id, '2026-02-03', 'sandwort');
    expect((await noteIds(p, 'sandwort')).sort()).toEqual([kept, later].sort());
    await p.ok('backup.restoreHere', {
      name: gen?.name ?? '',
      confirmDate: (gen?.createdAt ?? '').slice(0, 10),
    });
    expect(await noteIds(p, 'sandwort')).toEqual([kept]);
    expect(await noteIds(p, 'san')).toEqual([kept]);
  });

  it('a worker that cannot open the database fails the search with a clear error, and recovers', async () => {
    const logged: { event: string; fields: unknown }[] = [];
    const logger: Logger = {
      ...silentLogger,
      log: (_level, event, fields) => {
        logged.push({ event, fields });
      },
    };
    const dir = tempDir('stillwater-search-');
    cleanups.push(() => {
      dir.remove();
    });
    let reader = (): { file: string; key: Buffer | null } => ({
      file: join(dir.path, 'missing.db'),
      key: null,
    });
    const thread = new SearchThread(() => reader(), logger);
    cleanups.push(() => {
      thread.stop();
    });
    const error = await thread.best('"lantern"', 10, 0).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      message: 'Search could not finish. Try again; if it keeps failing, restart Stillwater.',
    });
    // The log says that the worker stopped; it carries no query and no path.
    expect(logged.map((l) => l.event)).toContain('note.search.worker-stopped');
    expect(JSON.stringify(logged)).not.toContain('lantern');
    expect(JSON.stringify(logged)).not.toContain(dir.path);
    // The next question starts a new worker, which works once the database is there.
    const p = await practice();
    reader = () => p.core.ctx.vault.readerFor();
    expect(await thread.best('"lantern"', 10, 0)).toEqual([]);
  });

  it('stopping the worker fails a waiting search instead of leaving it hanging', async () => {
    const p = await practice();
    const thread = new SearchThread(() => p.core.ctx.vault.readerFor(), silentLogger);
    const waiting = thread.scoped('"lantern"', '"a0"');
    thread.stop();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
