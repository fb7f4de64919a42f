// Disclosures made outside the app (a duty-to-warn call, a mandated report) are recorded through
// disclosures.record and appear in the accounting of disclosures with their basis (45 CFR 164.528;
// issue 18). Only the client's clinical team records them; a basis that the accounting leaves out
// (to the client, under an authorization) cannot be entered by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import type { Input } from '../../../preload/contract.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';

const W = { owner: 'w1', a: 'w-a', b: 'w-b', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
let p: TestPractice;
let x: string;

type Report = Input<'disclosures.record'>;

/** A valid hand-entered report; `over` may make it anything (bad inputs go to p.fail, typed unknown). */
const report = <T extends Record<string, unknown>>(over: T = {} as T): Report & T => ({
  clientId: x,
  disclosedOn: '2026-03-01',
  recipientName: 'Example County Child Protective Services',
  recipientAddress: '5 Court Street, Springfield, OR 97401',
  description: 'Synthetic: verbal report of suspected neglect.',
  purpose: 'Synthetic: mandated report under state law.',
  basis: 'mandated_report' as const,
  ...over,
});

beforeAll(async () => {
  p = await makePractice({ clock });
  const a = await signedInStaff(p, 'clinician', 'Dr. Ada Reporter', W.a);
  await signedInStaff(p, 'clinician', 'Dr. Bo Elsewhere', W.b);
  await signedInStaff(p, 'front_desk', 'Dee Desk', W.desk);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
});
afterAll(async () => {
  await p.close();
});

describe('a disclosure recorded by hand', () => {
  it('appears in the accounting with its basis, marked as entered by hand, for every basis', async () => {
    const bases = ['emergency', 'mandated_report', 'required_by_law', 'legal_order', 'other'] as const;
    for (const basis of bases)
      await p.ok('disclosures.record', report({ basis, recipientName: `Recipient for ${basis}` }), W.a);
    const accounting = await p.ok('disclosures.accounting', { clientId: x, includeAll: false }, W.desk);
    for (const basis of bases) {
      expect(accounting.entries.find((e) => e.recipientName === `Recipient for ${basis}`)).toMatchObject({
        basis,
        manual: true,
        recordedBy: 'Dr. Ada Reporter',
        disclosedOn: '2026-03-01',
        recipientAddress: '5 Court Street, Springfield, OR 97401',
        purpose: 'Synthetic: mandated report under state law.',
      });
    }
  });

  it('is audited with its basis, never its content', async () => {
    const entry = await p.ok('disclosures.record', report({ basis: 'emergency' }), W.a);
    const audit = await readDb(p.core.ctx)
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'detail'])
      .where('action', '=', 'disclosure.record')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(x);
    expect(JSON.parse(audit.detail)).toEqual({ disclosureId: entry.id, basis: 'emergency' });
  });

  it('is recorded by the client’s clinical team only', async () => {
    expect((await p.fail('disclosures.record', report(), W.desk)).code).toBe('FORBIDDEN');
    expect((await p.fail('disclosures.record', report(), W.b)).code).toBe('FORBIDDEN');
  });

  it('refuses a basis the accounting leaves out, a future date and malformed input, and records nothing', async () => {
    const before = (await p.ok('disclosures.accounting', { clientId: x, includeAll: true }, W.a)).entries
      .length;
    for (const bad of [
      report({ basis: 'access' }),
      report({ basis: 'authorization' }),
      report({ basis: '' }),
      report({ disclosedOn: '2099-01-01' }),
      report({ disclosedOn: 'yesterday' }),
      report({ recipientName: '' }),
      report({ recipientName: 'x'.repeat(201) }),
      report({ description: 'x'.repeat(1001) }),
      report({ purpose: 42 }),
      report({ extra: true }),
      { ...report(), basis: undefined },
    ]) {
      expect((await p.fail('disclosures.record', bad, W.a)).code).toBe('INVALID_INPUT');
    }
    expect(
      (await p.ok('disclosures.accounting', { clientId: x, includeAll: true }, W.a)).entries,
    ).toHaveLength(before);
  });

  it('is refused once the session has locked', async () => {
    await clock.advance(30 * 60_000);
    expect((await p.fail('disclosures.record', report(), W.a)).code).toBe('LOCKED');
  });
});
