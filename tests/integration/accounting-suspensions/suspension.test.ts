// Suspension of the accounting of disclosures (45 CFR 164.528(a)(2)): a written statement for the
// period it specifies, an oral one for 30 days unless a written one follows within them; only
// disclosures to that recipient (matched exactly as the log stores it) are left out, only while in
// force, for every role and in the complete log too, and they come back afterwards, also after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import type { Input } from '../../../preload/contract.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { owner: 'w1', a: 'w-a', c: 'w-c', desk: 'w-desk' };
const BOARD = 'Example State Health Oversight Board (synthetic)';
const BOARD_REGION = 'Example State Health Oversight Board (synthetic) – Region 2';
const POLICE = 'Springfield Police Department (synthetic)';

let p: TestPractice;
const signIns: [string, string, string][] = [[OWNER.username, OWNER.password, W.owner]];
/** W: a written statement; O: an oral one; OW: an oral one that a written one follows. */
const c = { w: '', o: '', ow: '', a: '' };
const oral = { ow: '', o: '' };

async function laterBy(days: number) {
  await clock.advance(days * 86_400_000);
  for (const [username, password, window] of signIns) await p.signIn(username, password, window);
}

/** The recipients the client's accounting lists today, as a given window sees it. */
async function listed(clientId: string, window = W.desk, includeAll = false): Promise<string[]> {
  const a = await p.ok('disclosures.accounting', { clientId, includeAll }, window);
  return a.entries.map((e) => e.recipientName).sort();
}

/** A statement's input; `extra` may make it invalid on purpose (the bad-input tests). */
const statement = (clientId: string, extra: Record<string, unknown> = {}): Input<'suspensions.record'> => ({
  clientId,
  recipientName: BOARD,
  kind: 'written',
  agency: 'Example State Health Oversight Board',
  official: 'Inspector Rowan Sample, Chief Investigator',
  statedOn: '2026-03-02',
  until: '2026-03-20',
  ...(extra as Partial<Input<'suspensions.record'>>),
});

beforeAll(async () => {
  p = await makePractice({ clock });
  for (const [role, name, window] of [
    ['clinician', 'Dr. Ada Primary', W.a],
    ['clinician', 'Dr. Cal Elsewhere', W.c],
    ['front_desk', 'Dee Deskworth', W.desk],
  ] as const) {
    const u = await signedInStaff(p, role, name, window);
    signIns.push([u.username, u.password, window]);
    if (window === W.a) c.a = u.id;
  }
  for (const key of ['w', 'o', 'ow'] as const) {
    c[key] = (await p.ok('clients.create', adultClient(c.a), W.desk)).id;
    for (const [recipient, day] of [
      [BOARD, '2026-02-10'],
      [BOARD, '2026-02-20'],
      [BOARD_REGION, '2026-02-11'],
      [POLICE, '2026-02-12'],
    ] as const) {
      await p.ok(
        'disclosures.record',
        {
          clientId: c[key],
          disclosedOn: day,
          recipientName: recipient,
          description: 'Records read to an investigator (synthetic)',
          purpose: 'Health oversight activity required by law',
          basis: 'required_by_law',
        },
        W.a,
      );
    }
  }
}, 120_000);
afterAll(async () => {
  await p.close();
});

describe('recording a statement', () => {
  it('offers the recipients of the client’s disclosure log, exactly as stored', async () => {
    const { suspensions, recipients } = await p.ok('suspensions.list', { clientId: c.w }, W.desk);
    expect(suspensions).toEqual([]);
    expect(recipients).toEqual([BOARD, BOARD_REGION, POLICE].sort());
  });

  it.each([
    [
      { recipientName: 'Example State Health Oversight Board' },
      'recipientName',
      'Choose a recipient from this client’s disclosure log.',
    ],
    [
      { recipientName: BOARD.toUpperCase() },
      'recipientName',
      'Choose a recipient from this client’s disclosure log.',
    ],
    [{ until: undefined }, 'until', 'Enter the last day of the period the written statement specifies.'],
    [{ until: '2026-03-01' }, 'until', 'The period cannot end before the date of the statement.'],
    [
      { kind: 'oral' },
      'until',
      'An oral statement suspends for 30 days at most; a written one states its period.',
    ],
    [{ statedOn: '2099-01-01' }, 'statedOn', null],
    [{ statedOn: 20260302 }, 'statedOn', null],
    // Not in the future by the practice's clock (the schema can only check the computer's).
    [
      { statedOn: '2026-06-01', until: '2026-07-01' },
      'statedOn',
      'The date of the statement cannot be in the future.',
    ],
    [{ kind: 'email' }, 'kind', null],
    [{ agency: '' }, 'agency', 'Agency is required.'],
    [{ official: 'x'.repeat(201) }, 'official', null],
    [{ note: 'x'.repeat(501) }, 'note', null],
    [{ followsId: 'x' }, 'followsId', 'Not a valid record identifier.'],
    [{ recipientName: undefined }, 'recipientName', null],
  ])('refuses bad input %#', async (patch, path, message) => {
    const e = await p.fail('suspensions.record', statement(c.w, patch), W.a);
    expect(e.code).toBe('INVALID_INPUT');
    const field = e.fields?.find((f) => f.path === path);
    expect(field, JSON.stringify(e.fields)).toBeDefined();
    if (message) expect(field?.message).toBe(message);
  });

  it('is recorded by the owner or a clinician on the chart, never front desk or a stranger', async () => {
    expect((await p.fail('suspensions.record', statement(c.w), W.desk)).code).toBe('FORBIDDEN');
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(
      (await p.fail('suspensions.record', statement(c.w), W.c)).code,
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(
      (await p.fail('suspensions.list', { clientId: c.w }, W.c)).code,
    );
    expect((await p.fail('suspensions.record', statement(c.w), 'w-nobody')).code).toBe('NOT_SIGNED_IN');
    expect((await p.ok('suspensions.list', { clientId: c.w }, W.desk)).suspensions).toEqual([]);
  });

  it('a written statement suspends for the period it specifies; an oral one for 30 days', async () => {
    const written = await p.ok('suspensions.record', statement(c.w), W.a);
    expect(written).toMatchObject({
      kind: 'written',
      endsOn: '2026-03-20',
      inForce: true,
      recordedBy: 'Dr. Ada Primary',
    });
    const o = await p.ok('suspensions.record', statement(c.o, { kind: 'oral', until: undefined }), W.owner);
    expect(o).toMatchObject({ kind: 'oral', statedOn: '2026-03-02', endsOn: '2026-03-31', inForce: true });
    oral.o = o.id;
    oral.ow = (await p.ok('suspensions.record', statement(c.ow, { kind: 'oral', until: undefined }), W.a)).id;
  });
});

describe('the accounting while suspended and after', () => {
  it('leaves out only that recipient’s disclosures, for every role and in the complete log', async () => {
    for (const id of [c.w, c.o, c.ow]) {
      for (const window of [W.desk, W.a, W.owner]) {
        expect(await listed(id, window)).toEqual([BOARD_REGION, POLICE].sort());
        expect(await listed(id, window, true)).toEqual([BOARD_REGION, POLICE].sort());
      }
    }
    // The count of what the law itself leaves out is not confused with the suspension.
    expect(
      (await p.ok('disclosures.accounting', { clientId: c.w, includeAll: false }, W.desk)).excludedCount,
    ).toBe(0);
    // The statement's own list still names the recipient for staff.
    expect((await p.ok('suspensions.list', { clientId: c.w }, W.desk)).recipients).toContain(BOARD);
  });

  it('a written statement within the 30 days continues an oral one; one that is not the same recipient or not oral is refused', async () => {
    await laterBy(8); // 2026-03-10
    const other = await p.fail(
      'suspensions.record',
      statement(c.ow, {
        recipientName: POLICE,
        statedOn: '2026-03-10',
        until: '2026-05-01',
        followsId: oral.ow,
      }),
      W.a,
    );
    expect(other.fields?.[0]?.message).toBe(
      'The written statement must be from the same agency or official as the oral one.',
    );
    const writtenId = (await p.ok('suspensions.list', { clientId: c.w }, W.a)).suspensions[0]?.id;
    const notOral = await p.fail(
      'suspensions.record',
      statement(c.w, { statedOn: '2026-03-10', until: '2026-05-01', followsId: writtenId }),
      W.a,
    );
    expect(notOral.fields?.[0]?.path).toBe('followsId');
    const follow = await p.ok(
      'suspensions.record',
      statement(c.ow, { statedOn: '2026-03-10', until: '2026-05-01', followsId: oral.ow }),
      W.a,
    );
    expect(follow).toMatchObject({ followsId: oral.ow, endsOn: '2026-05-01', inForce: true });
    const list = (await p.ok('suspensions.list', { clientId: c.ow }, W.desk)).suspensions;
    expect(list.find((s) => s.id === oral.ow)).toMatchObject({ followedBy: follow.id, inForce: false });
    const twice = await p.fail(
      'suspensions.record',
      statement(c.ow, { statedOn: '2026-03-10', until: '2026-06-01', followsId: oral.ow }),
      W.a,
    );
    expect(twice.fields?.[0]?.message).toBe('A written statement already follows that oral statement.');
  });

  it('after the written period, the disclosures come back', async () => {
    await laterBy(10); // 2026-03-20: the last day
    expect(await listed(c.w)).toEqual([BOARD_REGION, POLICE].sort());
    await laterBy(1); // 2026-03-21
    expect(await listed(c.w)).toEqual([BOARD, BOARD, BOARD_REGION, POLICE].sort());
    expect((await p.ok('suspensions.list', { clientId: c.w }, W.desk)).suspensions[0]?.inForce).toBe(false);
  });

  it('an oral statement lapses after 30 days (also after a restart), a written one that followed it does not', async () => {
    await laterBy(10); // 2026-03-31: day 30 of the oral statement
    expect(await listed(c.o)).toEqual([BOARD_REGION, POLICE].sort());
    await p.core.shutdown();
    p = p.restart();
    await laterBy(1); // 2026-04-01
    expect(await listed(c.o)).toEqual([BOARD, BOARD, BOARD_REGION, POLICE].sort());
    expect(await listed(c.ow)).toEqual([BOARD_REGION, POLICE].sort());
    // Too late to continue the lapsed oral statement: a new written one is recorded instead.
    const late = await p.fail(
      'suspensions.record',
      statement(c.o, { statedOn: '2026-04-01', until: '2026-05-01', followsId: oral.o }),
      W.a,
    );
    expect(late.fields?.[0]?.path).toBe('statedOn');
  });

  it('the written statement that followed the oral one ends on its own last day', async () => {
    await laterBy(30); // 2026-05-01
    expect(await listed(c.ow)).toEqual([BOARD_REGION, POLICE].sort());
    await laterBy(1); // 2026-05-02
    expect(await listed(c.ow)).toEqual([BOARD, BOARD, BOARD_REGION, POLICE].sort());
  });

  it('audits each statement in words', async () => {
    const audit = await p.ok('audit.list', { filter: { action: 'suspension.record' }, limit: 50 }, W.owner);
    expect(audit.entries.map((e) => e.summary)).toContain(
      'Recorded an oral statement suspending the accounting of Avery Fictus',
    );
  });
});
