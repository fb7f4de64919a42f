// Issue 17: a backup taken while notes are being saved restores every save that was confirmed
// before its snapshot. Each save is a new note with its own text, and saves are confirmed one
// after another, so the restored practice must hold exactly the first k confirmed saves for some k
// (no gap, nothing half-written, nothing never confirmed), and k covers at least every save
// confirmed before the backup started. No timing is assumed about where the snapshot falls.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyed } from '../../../db/connection.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, OWNER } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { practiceWithBackupFolder } from '../../helpers/backup-folder.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a backup taken while notes are saved', () => {
  it('restores on a new computer with every save confirmed before its snapshot', async () => {
    const { p, folder } = await practiceWithBackupFolder(cleanups);
    const me = (await p.ok('app.status', {})).session?.user.id ?? '';
    const client = await p.ok(
      'clients.create',
      adultClient(me, { legalFirstName: 'Saveda', legalLastName: 'Often' }),
    );
    // Enough rows that the snapshot takes a moment while saves keep coming.
    p.core.ctx.vault.db.sqlite.exec(
      'CREATE TABLE IF NOT EXISTS ballast (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000) INSERT INTO ballast SELECT randomblob(200) FROM n;',
    );

    /** Confirmed saves in the order their success came back: note id and its text. */
    const confirmed: { noteId: string; text: string }[] = [];
    const flag = { stop: false, done: false };
    const saver = (async () => {
      for (let i = 0; !flag.stop && i < 2000; i++) {
        const text = `Synthetic confirmed save ${String(i)}.`;
        const r = await p.ok('notes.saveDraft', dapNote(client.id, { sections: { data: text } }));
        confirmed.push({ noteId: r.noteId, text });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })().finally(() => {
      flag.done = true;
    });
    while (confirmed.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const beforeBackup = confirmed.length;
    await p.ok('backup.runNow', {});
    // A few more saves after the backup returned (none of them may appear in it).
    const afterBackup = confirmed.length;
    // (On a slow machine the saver may have made all its saves before the backup returned.)
    while (confirmed.length < afterBackup + 3 && !flag.done)
      await new Promise((resolve) => setTimeout(resolve, 5));
    flag.stop = true;
    await saver;
    const [gen] = await p.ok('backup.listGenerations', {});

    const fresh = await makePractice({ setup: false });
    cleanups.push(() => fresh.close());
    fresh.folder.next = join(folder, gen?.name ?? '');
    await fresh.ok('backup.chooseRestoreFile', {});
    await fresh.ok('backup.restoreFirstRun', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    fresh.core.ctx.vault.db.checkpoint('TRUNCATE');
    const key = fresh.core.ctx.vault.copyDataKey();
    const db = openKeyed(join(fresh.dir, 'stillwater.db'), key, { readonly: true });
    key.fill(0);
    let restored: Map<string, string>;
    try {
      const rows = db.prepare('SELECT id, sections FROM notes WHERE client_id = ?').all(client.id) as {
        id: string;
        sections: string;
      }[];
      restored = new Map(rows.map((r) => [r.id, (JSON.parse(r.sections) as { data?: string }).data ?? '']));
    } finally {
      db.close();
    }
    const k = restored.size;
    // Exactly the first k confirmed saves, each with the text that was confirmed.
    expect(k).toBeGreaterThanOrEqual(beforeBackup);
    expect(k).toBeLessThanOrEqual(afterBackup);
    for (const save of confirmed.slice(0, k)) expect(restored.get(save.noteId), save.text).toBe(save.text);
    for (const save of confirmed.slice(k)) expect(restored.has(save.noteId), save.text).toBe(false);
    expect((await fresh.ok('audit.verify', {})).ok).toBe(true);
    // About 7 s alone; a loaded machine (the full suite beside other work) has taken over 60 s.
    // What it checks is what was restored, not how fast: the bench times backups.
  }, 180_000);
});
