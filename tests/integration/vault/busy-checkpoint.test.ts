// The log (stillwater.db-wal) is folded into the database file when the app has been idle for a
// moment. An app that is never idle (calls back to back for minutes) must not leave ever more of
// it unfolded, nor let its file grow without end: every read looks its pages up among the
// unfolded frames, and a backup folds them all in and cuts the file first. After BUSY_CHECKPOINT_WRITES writes without a pause, a checkpoint runs aside in a
// worker thread (its own connection, the real encrypted file).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointThread } from '../../../main/core/backup/index.ts';
import { BUSY_CHECKPOINT_WRITES } from '../../../main/core/vault/checkpointer.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

/**
 * Frames of the log not yet folded into the file, read from the WAL index (stillwater.db-shm)
 * without touching the database: mxFrame in its header (offset 16) less nBackfill in the
 * checkpoint record after the header's two copies (offset 96), in the machine's byte order
 * (https://sqlite.org/walformat.html). A checkpoint to ask instead would fold them in.
 */
function unfoldedFrames(database: string): number {
  const shm = Buffer.alloc(100);
  const fd = openSync(`${database}-shm`, 'r');
  try {
    readSync(fd, shm, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return shm.readUInt32LE(16) - shm.readUInt32LE(96);
}

const auditCount = (p: TestPractice): number =>
  (p.core.ctx.vault.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('a practice that is never idle', () => {
  it('folds its log in aside every few hundred writes and starts it over, and loses nothing', async () => {
    // The clock never moves: the idle checkpoint never runs.
    const clock = new FakeClock();
    practice = await makePractice({ clock });
    const p = practice;
    const database = p.core.ctx.vault.databaseFile;
    const before = auditCount(p);
    const unfolded: number[] = [];
    const logBytes: number[] = [];
    // Audited reads: each one writes its audit entry (a write transaction).
    for (let i = 0; i < 4 * BUSY_CHECKPOINT_WRITES; i++) {
      await p.ok('notes.myDrafts', {});
      if (i % 100 === 99) {
        // Whatever checkpoint aside is under way is let finish before sampling: on a loaded
        // machine its thread can lag the calls by hundreds of writes, and the samples would then
        // measure the scheduler. The clock still never moves: no idle checkpoint runs.
        await p.core.ctx.checkpointer.settled();
        unfolded.push(unfoldedFrames(database));
        logBytes.push(statSync(`${database}-wal`).size);
      }
      // Let the aside checkpoint's worker make progress, as an app waiting on people would.
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await p.ok('notes.myDrafts', {});
    await p.core.ctx.checkpointer.settled();
    // Without the checkpoints aside the unfolded frames only grow (a few per entry, 2,000
    // entries); with them they fall back every time one has run.
    const perWrite = (unfolded[0] ?? 0) / 100;
    expect(perWrite).toBeGreaterThan(1);
    const fellBack = unfolded.filter((u, i) => i > 0 && u < (unfolded[i - 1] ?? 0)).length;
    expect(fellBack).toBeGreaterThanOrEqual(1);
    expect(unfolded.at(-1) ?? 0).toBeLessThan(0.75 * perWrite * 4 * BUSY_CHECKPOINT_WRITES);
    // And the log is started over once folded in: its file stops growing (without that it
    // doubles over the second half of the calls).
    const half = logBytes[logBytes.length / 2 - 1] ?? 0;
    expect(logBytes.at(-1) ?? 0).toBeLessThan(1.25 * half);
    // Nothing lost: every call's entry is there.
    expect(auditCount(p) - before).toBe(4 * BUSY_CHECKPOINT_WRITES + 1);
  });

  it('keeps the log file small while notes are saved back to back, never pausing', async () => {
    // A clinician saving note after note without a breath (the bench's release part saves
    // thousands so): each save writes tens of pages (the note, its search rows, the audit entry).
    // The checkpoint aside must catch up with saves that keep coming while it folds, and get the
    // log started over; before it did, the log's file only grew (363 MiB on the bench practice),
    // and the next backup had to fold it all in and cut it while saves waited.
    practice = await makePractice({ clock: new FakeClock() });
    const p = practice;
    const database = p.core.ctx.vault.databaseFile;
    const clinician = await signedInStaff(p, 'clinician', 'Dr. Wren Testwell', 'w-clin');
    const clientId = (await p.ok('clients.create', adultClient(clinician.id), 'w-clin')).id;
    const filler = 'Synthetic: the client described the week at some length. '.repeat(40);
    const saves = 6 * BUSY_CHECKPOINT_WRITES;
    let written = 0;
    let largest = 0;
    for (let i = 0; i < saves; i++) {
      // Each call in a task of its own, as IPC messages reach main (a worker's reply runs between).
      await new Promise((resolve) => setImmediate(resolve));
      const before = unfoldedFrames(database);
      await p.ok(
        'notes.saveDraft',
        dapNote(clientId, {
          sections: { data: `${filler} Session ${String(i)}.`, assessment: 'Synthetic.', plan: 'Synthetic.' },
        }),
        'w-clin',
      );
      // Frames this save added (a fold in between may have lowered the count: then at least 1).
      written += Math.max(1, unfoldedFrames(database) - before);
      largest = Math.max(largest, statSync(`${database}-wal`).size);
    }
    await p.core.ctx.checkpointer.settled();
    // 4 KiB pages plus a 24-byte header each: what the log would hold if it never started over.
    const neverStartedOver = written * (4096 + 24);
    expect(written).toBeGreaterThan(saves * 5);
    // It starts over: its file stays under half of that (measured: a quarter, 34 of 145 MiB;
    // before the aside caught up with saves that came in while it folded, all of it).
    expect(largest).toBeLessThan(neverStartedOver / 2);
    // Nothing lost: every save is a draft of its own, all there.
    const drafts = (
      p.core.ctx.vault.db.sqlite
        .prepare("SELECT count(*) AS n FROM notes WHERE client_id = ? AND status = 'draft'")
        .get(clientId) as { n: number }
    ).n;
    expect(drafts).toBe(saves);
  });

  it('closes its folding thread, and the copy of the key it holds, with the database', async () => {
    practice = await makePractice({ clock: new FakeClock() });
    const p = practice;
    const database = p.core.ctx.vault.databaseFile;
    const busy = async (): Promise<void> => {
      for (let i = 0; i < 2 * BUSY_CHECKPOINT_WRITES; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        await p.ok('notes.myDrafts', {});
      }
    };
    await busy();
    expect(CheckpointThread.running).toBe(1);
    // The last person signs out: the database closes, and the thread with it.
    await p.ok('auth.signOut', {});
    expect(p.core.ctx.vault.isOpen).toBe(false);
    expect(CheckpointThread.running).toBe(0);
    // Signed in again, a busy spell starts a new one on the reopened database, which folds.
    await p.signIn(OWNER.username, OWNER.password);
    await busy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(CheckpointThread.running).toBe(1);
    expect(unfoldedFrames(database)).toBeLessThan(BUSY_CHECKPOINT_WRITES * 3);
  });
});
