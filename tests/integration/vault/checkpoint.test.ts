// WAL checkpoints wait for a quiet moment: never in the middle of a burst of saves.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_CHECKPOINT_MS } from '../../../main/core/vault/checkpointer.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';

let practice: TestPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

/** Frames in the WAL not yet copied into the database file. */
function uncheckpointed(p: TestPractice): number {
  const [row] = p.core.ctx.vault.db.sqlite.pragma('wal_checkpoint(NOOP)') as {
    log: number;
    checkpointed: number;
  }[];
  return (row?.log ?? 0) - (row?.checkpointed ?? 0);
}

describe('idle checkpoints', () => {
  it('leave saves in the WAL while work goes on, and checkpoint once the app is quiet', async () => {
    const clock = new FakeClock();
    practice = await makePractice({ clock });
    await clock.advance(IDLE_CHECKPOINT_MS); // settle setup's own writes
    const mainFileBefore = statSync(join(practice.dir, DATABASE_FILE)).size;
    for (let i = 0; i < 5; i++) {
      await practice.addStaff('front_desk');
      await clock.advance(IDLE_CHECKPOINT_MS / 4); // busy: each write restarts the countdown
    }
    expect(uncheckpointed(practice)).toBeGreaterThan(0);
    expect(statSync(join(practice.dir, DATABASE_FILE)).size).toBe(mainFileBefore);
    await clock.advance(IDLE_CHECKPOINT_MS);
    expect(uncheckpointed(practice)).toBe(0);
  });

  it('save the audit head outside the database when they run', async () => {
    const clock = new FakeClock();
    practice = await makePractice({ clock });
    await practice.addStaff('clinician');
    const headBefore = practice.core.ctx.vault.auditHead();
    await clock.advance(IDLE_CHECKPOINT_MS);
    const headAfter = practice.core.ctx.vault.auditHead();
    expect(headAfter?.count).toBeGreaterThan(headBefore?.count ?? 0);
    expect(headAfter).toEqual(await practice.core.ctx.audit.head(practice.core.ctx.vault.db.db));
  });
});
