// A dialog's draft (issue 18: nothing typed is ever lost) as main keeps it: saved in the moment a
// lock waits for it, still there after the lock and after an app restart for the person who typed
// it, nobody else's to read or delete, and gone once discarded. Keys that name no form are refused.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FLUSH_WAIT_MS } from '../../../main/core/sessions/auto-lock.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';

let practice: TestPractice | null = null;
let restarted: TestPractice | null = null;
afterEach(async () => {
  await restarted?.core.shutdown();
  restarted = null;
  await practice?.close();
  practice = null;
});

const MIN = 60_000;
const consent = { kind: 'treatment', notes: 'Client asked about the fee for late cancellation (synthetic)' };

describe('dialog drafts', () => {
  it('are saved in the moment a lock waits for them, and are back after signing in again', async () => {
    const clock = new FakeClock();
    practice = await makePractice({ clock });
    const key = `consent:${randomUUID()}`;
    await clock.advance(5 * MIN); // the inactivity lock has begun and asked the renderer to save
    expect(practice.events.some((e) => e.event === 'session.saveNow')).toBe(true);
    expect(await practice.ok('drafts.save', { key, data: consent })).toHaveProperty('savedAt');
    expect((await practice.fail('drafts.get', { key })).code).toBe('LOCKED');
    await clock.advance(FLUSH_WAIT_MS);
    expect((await practice.fail('drafts.save', { key, data: {} })).code).toBe('LOCKED');
    await practice.signIn(OWNER.username, OWNER.password);
    expect((await practice.ok('drafts.get', { key }))?.data).toEqual(consent);
  });

  it('survive an app restart, for the person who typed them only', async () => {
    practice = await makePractice();
    const clin = await signedInStaff(practice, 'clinician', 'Dr. Hollis Example', 'w2');
    const key = `addendum:${randomUUID()}`;
    await practice.ok('drafts.save', { key, data: { text: 'Called back: no change to risk.' } }, 'w2');
    await practice.core.shutdown();

    restarted = practice.restart();
    await restarted.signIn(clin.username, clin.password, 'w2');
    await restarted.signIn(OWNER.username, OWNER.password, 'w1');
    expect((await restarted.ok('drafts.get', { key }, 'w2'))?.data).toEqual({
      text: 'Called back: no change to risk.',
    });
    // The owner cannot read it, and discarding "it" under their own name deletes nothing of hers.
    expect(await restarted.ok('drafts.get', { key }, 'w1')).toBeNull();
    await restarted.ok('drafts.discard', { key }, 'w1');
    expect(await restarted.ok('drafts.get', { key }, 'w2')).not.toBeNull();
    // Signed (the dialog discards its draft): gone.
    await restarted.ok('drafts.discard', { key }, 'w2');
    expect(await restarted.ok('drafts.get', { key }, 'w2')).toBeNull();
  });

  it('refuse a key that names no form, and store nothing under it', async () => {
    practice = await makePractice();
    for (const key of [`notes:${randomUUID()}`, 'x', `consent:${randomUUID()}:extra`, 'consent:42']) {
      const e = await practice.fail('drafts.save', { key, data: { text: 'synthetic' } });
      expect(e.code, key).toBe('INVALID_INPUT');
      expect(e.message).not.toContain('synthetic');
    }
    const wrong = await practice.fail('drafts.save', { key: 'consent', data: undefined });
    expect(wrong.code).toBe('INVALID_INPUT');
  });
});
