// The service-code check a biller would make, at its boundaries: the one function main applies
// at signing and the editor shows before asking.
import { describe, expect, it } from 'vitest';
import { describeEntry } from '../../../main/core/audit/index.ts';
import {
  codeForMinutes,
  isTimedCode,
  serviceCodeMismatch,
  type ServiceCodeFacts,
} from '../../../preload/contract/service-code.ts';

const NOTE = '33333333-3333-4333-8333-333333333333';

const check = (
  serviceCode: string | null,
  durationMinutes: number | null,
  extra: Partial<ServiceCodeFacts> = {},
) => serviceCodeMismatch({ kind: 'progress', serviceCode, durationMinutes, laterSession: null, ...extra });

describe('psychotherapy codes by the session’s length', () => {
  it.each([
    ['90832', 15, 'too-short'],
    ['90832', 16, null],
    ['90832', 37, null],
    ['90832', 38, 'too-long'],
    ['90834', 37, 'too-short'],
    ['90834', 38, null],
    ['90834', 52, null],
    ['90834', 53, 'too-long'],
    ['90837', 52, 'too-short'],
    ['90837', 53, null],
    ['90837', 180, null],
  ] as const)('%s with %i minutes: %s', (code, minutes, reason) => {
    expect(check(code, minutes)?.reason ?? null).toBe(reason);
  });

  it('says which code the length is billed as', () => {
    expect(check('90834', 53)?.message).toBe(
      '90834 is for 38 to 52 minutes; this session lasted 53 minutes, which is billed as 90837.',
    );
    expect(check('90837', 45)?.message).toContain('which is billed as 90834');
    expect(check('90834', 20)?.message).toContain('which is billed as 90832');
  });

  it('names a session too short for any psychotherapy code', () => {
    expect(check('90832', 15)?.message).toBe(
      '90832 is for 16 to 37 minutes; this session lasted 15 minutes, which is too short to bill as psychotherapy.',
    );
    expect(check('90832', 1)?.message).toContain('lasted 1 minute,');
  });

  it.each([null, 0, -5, 12.5])('asks when a timed code has no usable length (%s)', (minutes) => {
    expect(check('90834', minutes)).toMatchObject({
      reason: 'no-duration',
      message:
        '90834 is billed by time (38 to 52 minutes), but the session has no length to check it against.',
    });
  });
});

describe('the code a length is billed as (the editor’s hint)', () => {
  it.each([
    [15, null],
    [16, '90832'],
    [37, '90832'],
    [38, '90834'],
    [52, '90834'],
    [53, '90837'],
    [240, '90837'],
  ] as const)('%i minutes: %s', (minutes, code) => {
    expect(codeForMinutes(minutes)).toBe(code);
  });

  it('knows which codes are billed by time', () => {
    expect(['90832', '90834', '90837'].every(isTimedCode)).toBe(true);
    expect(['90791', '90792', '90846', '90847', '90853', '99213', 'toString'].some(isTimedCode)).toBe(false);
  });
});

describe('intake codes', () => {
  it('accepts 90791 on the chart’s first session, whatever its length', () => {
    expect(check('90791', 75, { laterSession: false })).toBeNull();
    expect(check('90791', null, { laterSession: false })).toBeNull();
    expect(check('90792', 60, { laterSession: false })).toBeNull();
  });

  it('asks when an intake code is used after the chart already has a session note', () => {
    expect(check('90791', 60, { laterSession: true })).toEqual({
      reason: 'intake-code-later-session',
      message: '90791 is an intake code, but this client already has a signed session note before this one.',
    });
    expect(check('90792', 60, { laterSession: true })?.reason).toBe('intake-code-later-session');
  });

  it('does not judge the intake rule when earlier sessions are unknown (the editor before signing)', () => {
    expect(check('90791', 60, { laterSession: null })).toBeNull();
  });

  it('leaves a first session billed by time alone (an evaluation may have been billed elsewhere)', () => {
    expect(check('90834', 45, { laterSession: false })).toBeNull();
  });

  it('reports the length first when both rules are broken', () => {
    expect(check('90834', 53, { laterSession: true })?.reason).toBe('too-long');
  });
});

describe('other codes and notes', () => {
  it.each(['90846', '90847', '90853'])('has no time rule for %s', (code) => {
    expect(check(code, 10)).toBeNull();
    expect(check(code, null, { laterSession: true })).toBeNull();
  });

  it.each(['99213', '90834 ', 'x', ''.padEnd(40, '9'), 'toString', 'constructor'])(
    'asks about a code it does not know (%j)',
    (code) => {
      expect(check(code, 45)).toMatchObject({ reason: 'unknown-code' });
      expect(check(code, 45)?.message).toContain('is not a service code Stillwater knows');
    },
  );

  it('leaves a missing code to the signing checklist', () => {
    expect(check(null, 53)).toBeNull();
    expect(check('', 53)).toBeNull();
  });

  it('never checks a psychotherapy (process) note: it is not a billing record', () => {
    expect(check('90834', 53, { kind: 'psychotherapy' })).toBeNull();
    expect(check('99213', null, { kind: 'psychotherapy', laterSession: true })).toBeNull();
  });
});

describe('the audit log in words', () => {
  const signed = (detail: unknown) =>
    describeEntry(
      {
        action: 'note.sign',
        at: '2026-11-05T15:00:00.000Z',
        actorUsername: 'clara',
        targetType: 'note',
        targetId: NOTE,
        detail: JSON.stringify(detail),
      },
      {
        client: () => 'Ana Díaz',
        staff: () => null,
        note: () => ({ client_id: 'c', service_date: '2026-11-03', kind: 'progress' }),
        release: () => null,
      },
    ).summary;

  it('says when a signer confirmed a service code that did not fit', () => {
    expect(signed({ clientId: 'c' })).toBe('Signed note from Nov 3');
    expect(
      signed({
        clientId: 'c',
        serviceCodeMismatchConfirmed: { reason: 'too-long', serviceCode: '90834', durationMinutes: 53 },
      }),
    ).toBe('Signed note from Nov 3 (90834 confirmed for a 53-minute session)');
    expect(
      signed({
        serviceCodeMismatchConfirmed: { reason: 'no-duration', serviceCode: '90837', durationMinutes: null },
      }),
    ).toBe('Signed note from Nov 3 (90837 confirmed without a session length)');
  });
});
