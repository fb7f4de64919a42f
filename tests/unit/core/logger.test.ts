import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../../main/core/logger.ts';

describe('diagnostic logger', () => {
  it('drops fields that are not on the allow-list', () => {
    expect(
      redact({ channel: 'auth.signIn', clientName: 'Avery Synthetic', noteText: 'felt anxious' }),
    ).toEqual({
      channel: 'auth.signIn',
    });
  });

  it('redacts allowed fields whose value looks like free text', () => {
    expect(redact({ reason: 'Client said: "I want to hurt myself", see note' })).toEqual({
      reason: '[redacted]',
    });
  });

  it('writes one JSON line with the event and safe fields only', () => {
    const lines: string[] = [];
    const log = createLogger(
      (l) => lines.push(l),
      () => Date.parse('2026-01-01T00:00:00Z'),
    );
    log.log('error', 'router.internal', { channel: 'staff.create', username: 'secret' });
    expect(JSON.parse(lines[0] ?? '{}')).toEqual({
      t: '2026-01-01T00:00:00.000Z',
      level: 'error',
      event: 'router.internal',
      channel: 'staff.create',
    });
  });
});
