// Every audit action reads as words a person would use (issue 18). The first test fails when an
// action is added to the contract without its wording in main/core/audit/wording.ts.
import { describe, expect, it } from 'vitest';
import { describeEntry, WORDING, type AuditNames, type WordedEntry } from '../../../main/core/audit/index.ts';
import { shortDate } from '../../../main/core/audit/wording.ts';
import { AuditAction } from '../../../preload/contract/audit.ts';

const ANA = '11111111-1111-4111-8111-111111111111';
const BEN = '22222222-2222-4222-8222-222222222222';
const NOTE = '33333333-3333-4333-8333-333333333333';
const RELEASE = '44444444-4444-4444-8444-444444444444';
const OWN_COPY = '55555555-5555-4555-8555-555555555555';
const CLARA = '66666666-6666-4666-8666-666666666666';

const names: AuditNames = {
  client: (id) => (id === ANA ? 'Ana Díaz' : id === BEN ? 'Ben Okafor' : null),
  staff: (id) => (id === CLARA ? 'Clara Synthetic' : null),
  note: (id) => (id === NOTE ? { client_id: ANA, service_date: '2026-11-03', kind: 'progress' } : null),
  release: (id) =>
    id === RELEASE
      ? { client_id: ANA, recipient: () => 'County Court' }
      : id === OWN_COPY
        ? { client_id: ANA, recipient: (client) => client }
        : null,
};

const entry = (action: string, over: Partial<WordedEntry> = {}): WordedEntry => ({
  action,
  at: '2026-11-05T15:00:00.000Z',
  actorUsername: 'clara',
  targetType: null,
  targetId: null,
  detail: '{}',
  ...over,
});

/** A plausible stored entry for an action, by what its target is. */
function sample(action: string): WordedEntry {
  if (
    /^(note\.|release\.(create|view|authorization|statusChange|preview|extend|revoke|export|denial))/.test(
      action,
    )
  )
    return action.startsWith('note.') && !['note.search', 'note.list'].includes(action)
      ? entry(action, { targetType: 'note', targetId: NOTE, detail: JSON.stringify({ clientId: ANA }) })
      : action.startsWith('release.')
        ? entry(action, { targetType: 'release', targetId: RELEASE })
        : entry(action, { detail: JSON.stringify({ clientIds: [ANA], count: 1, shownBefore: 0 }) });
  if (/^(client\.|intake\.|consent\.|screening\.|careTeam\.|disclosure\.|chart\.)/.test(action))
    return entry(action, { targetType: 'client', targetId: ANA, detail: JSON.stringify({ userId: CLARA }) });
  if (/^(staff\.|backup\.code)/.test(action)) return entry(action, { targetType: 'user', targetId: CLARA });
  return entry(action);
}

describe('audit wording', () => {
  it('has words for every action in the contract', () => {
    const missing = AuditAction.options.filter((a) => !(a in WORDING));
    expect(missing, 'add wording for these actions in main/core/audit/wording.ts').toEqual([]);
  });

  it('words every action as a sentence, never as the code, an id or an empty string', () => {
    for (const action of AuditAction.options) {
      const { summary } = describeEntry(sample(action), names);
      expect(summary, action).not.toBe('');
      expect(summary, action).not.toContain(action);
      expect(summary, action).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(summary, action).not.toMatch(/undefined|null|\[object/);
      expect(summary.charAt(0), action).toMatch(/[A-Z]/);
    }
  });

  it('names the chart, the note by its date (US order) and the release by its recipient', () => {
    expect(describeEntry(sample('client.view'), names)).toEqual({
      summary: 'Opened chart of Ana Díaz',
      target: 'Ana Díaz',
    });
    expect(describeEntry(sample('note.view'), names)).toEqual({
      summary: 'Viewed note from Nov 3',
      target: 'Note from Nov 3 · Ana Díaz',
    });
    expect(describeEntry(sample('release.export'), names)).toEqual({
      summary: 'Exported release to County Court',
      target: 'Release to County Court · Ana Díaz',
    });
    expect(
      describeEntry(entry('release.export', { targetType: 'release', targetId: OWN_COPY }), names).summary,
    ).toBe('Exported release to Ana Díaz');
    expect(
      describeEntry(
        entry('release.statusChange', {
          targetType: 'release',
          targetId: RELEASE,
          detail: JSON.stringify({ from: 'authorized', to: 'approved' }),
        }),
        names,
      ).summary,
    ).toBe('Approved release to County Court');
  });

  it('says sign-ins plainly, failures with whose account', () => {
    expect(describeEntry(entry('auth.signIn'), names).summary).toBe('Signed in');
    expect(
      describeEntry(
        entry('auth.signInFailed', {
          actorUsername: null,
          targetType: 'user',
          targetId: CLARA,
          detail: JSON.stringify({ knownUser: true }),
        }),
        names,
      ).summary,
    ).toBe('Failed sign-in as Clara Synthetic');
    expect(
      describeEntry(entry('auth.signInFailed', { detail: JSON.stringify({ knownUser: false }) }), names)
        .summary,
    ).toBe('Failed sign-in (unknown username)');
  });

  it('words a group of autosaves as one edit with its count', () => {
    const save = entry('note.draftSave', {
      targetType: 'note',
      targetId: NOTE,
      detail: JSON.stringify({ clientId: ANA, created: false }),
    });
    expect(describeEntry(save, names, { count: 14 }).summary).toBe(
      'Edited draft note from Nov 3 (14 autosaves)',
    );
    expect(describeEntry(save, names).summary).toBe('Autosaved draft note from Nov 3');
  });

  it('tells a list read in a client’s history that it showed that client, naming no other', () => {
    const search = entry('client.search', {
      detail: JSON.stringify({ clientIds: [BEN, ANA], count: 2, shownBefore: 0 }),
    });
    expect(describeEntry(search, names, { focusClientId: ANA })).toEqual({
      summary: 'Saw Ana Díaz in the client list',
      target: 'Ana Díaz',
    });
    expect(describeEntry(search, names).summary).toBe('Searched the client list');
  });

  it('says whose audit log an export filtered by client was', () => {
    const exported = (filter: object) =>
      describeEntry(entry('audit.export', { detail: JSON.stringify({ rows: 12, filter }) }), names).summary;
    expect(exported({ clientId: ANA })).toBe('Exported the audit log of Ana Díaz (12 entries)');
    expect(exported({})).toBe('Exported the audit log (12 entries)');
  });

  it('reads a record no longer on file without failing', () => {
    const gone = '77777777-7777-4777-8777-777777777777';
    expect(describeEntry(entry('client.view', { targetType: 'client', targetId: gone }), names).summary).toBe(
      'Opened chart of a client no longer on file',
    );
    expect(
      describeEntry(
        entry('note.discard', {
          targetType: 'note',
          targetId: gone,
          detail: JSON.stringify({ clientId: BEN }),
        }),
        names,
      ),
    ).toEqual({ summary: 'Discarded a draft note', target: 'Note (since discarded) · Ben Okafor' });
    expect(describeEntry(entry('client.view', { detail: 'not json' }), names).summary).toBe(
      'Opened chart of a client no longer on file',
    );
  });

  it('writes dates the US way, with the year when it is not the entry’s', () => {
    expect(shortDate('2026-11-03', '2026-12-01T00:00:00Z')).toBe('Nov 3');
    expect(shortDate('2025-01-09', '2026-12-01T00:00:00Z')).toBe('Jan 9, 2025');
    expect(shortDate('garbage', '2026-12-01T00:00:00Z')).toBe('an unknown date');
  });
});
