// Confidential communications (45 CFR 164.522(b)): recorded on the chart by whoever edits its
// demographics, shown in the chart and the client list, audited without its content, and used by
// every letter: the denial letter prints the alternative address and never the home one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterAddress } from '../../../main/core/clients/index.ts';
import { readDb } from '../../../main/core/context.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { accessRequest, pdfText } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let p: TestPractice;
let clin: { id: string; username: string; password: string };
let other: { id: string; username: string; password: string };
let clientId: string;
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { clin: 'w-clin', desk: 'w-desk', other: 'w-other' };
const out = tempDir('stillwater-letters-');

const ALTERNATIVE = {
  address: {
    line1: '40 Quiet Harbor Lane',
    line2: 'Box 7',
    city: 'Elsewhere',
    region: 'WA',
    postalCode: '98001',
  },
  phone: '(555) 010-7321',
  noVoicemail: true,
  note: 'Work phone only, weekdays before 5 p.m.',
};

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  clin = await p.addStaff('clinician', 'Dr. Ada Testcase');
  other = await p.addStaff('clinician', 'Dr. Otto Elsewhere');
  const desk = await p.addStaff('front_desk', 'Dee Deskworth');
  for (const [u, w] of [
    [clin, W.clin],
    [other, W.other],
    [desk, W.desk],
  ] as const) {
    await p.signIn(u.username, u.password, w);
    await p.ok(
      'auth.changePassword',
      { currentPassword: u.password, newPassword: `${u.username}-fjord-amber-91` },
      w,
    );
  }
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
});
afterAll(async () => {
  await p.close();
  out.remove();
});

const set = (communications: unknown, w = W.desk) =>
  p.call('clients.setConfidentialCommunications', { clientId, communications } as never, w);

describe('confidential communications on the chart', () => {
  it('none on file: letters go to the home address', async () => {
    const chart = await p.ok('clients.get', { clientId }, W.desk);
    expect(chart.confidentialCommunications).toBeNull();
    expect(await letterAddress(readDb(p.core.ctx), clientId)).toEqual({
      name: 'Avery Fictus',
      lines: ['12 Sample Street', 'Springfield, OR 97401'],
      confidential: false,
    });
    const list = await p.ok('clients.search', { query: '' }, W.desk);
    expect(list.clients.find((c) => c.id === clientId)?.confidentialContact).toBeNull();
  });

  it.each([
    ['nothing asked for', { noVoicemail: false }, 'Give an alternative address or phone'],
    [
      'an address without a city',
      { ...ALTERNATIVE, address: { ...ALTERNATIVE.address, city: '' } },
      'City is required.',
    ],
    [
      'a bad ZIP code',
      { ...ALTERNATIVE, address: { ...ALTERNATIVE.address, postalCode: '9800' } },
      'Enter a 5-digit ZIP code',
    ],
    ['a bad phone', { ...ALTERNATIVE, phone: '12' }, ''],
    ['a note past 500 characters', { ...ALTERNATIVE, note: 'x'.repeat(501) }, ''],
    ['a reason (the practice may not ask why)', { ...ALTERNATIVE, reason: 'Synthetic' }, ''],
    ['voicemail as text', { ...ALTERNATIVE, noVoicemail: 'yes' }, ''],
    ['a missing voicemail answer', { address: ALTERNATIVE.address }, ''],
  ])('refuses %s', async (_name, communications, message) => {
    const r = await set(communications);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(JSON.stringify(r.error)).toContain(message);
    }
    expect((await p.ok('clients.get', { clientId }, W.desk)).confidentialCommunications).toBeNull();
  });

  it('a clinician off the care team cannot record them; signed out cannot either', async () => {
    const r = await set(ALTERNATIVE, W.other);
    expect(r.ok ? null : r.error.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const signedOut = await set(ALTERNATIVE, 'w-nobody');
    expect(signedOut.ok ? null : signedOut.error.code).toBe('NOT_SIGNED_IN');
    expect((await p.ok('clients.get', { clientId }, W.desk)).confidentialCommunications).toBeNull();
  });

  it('front desk records them; the chart, the list and every letter use them', async () => {
    const chart = await p.ok(
      'clients.setConfidentialCommunications',
      { clientId, communications: ALTERNATIVE },
      W.desk,
    );
    expect(chart.confidentialCommunications).toEqual({
      address: {
        line1: '40 Quiet Harbor Lane',
        line2: 'Box 7',
        city: 'Elsewhere',
        region: 'WA',
        postalCode: '98001',
      },
      phone: '(555) 010-7321',
      noVoicemail: true,
      note: 'Work phone only, weekdays before 5 p.m.',
      since: '2026-03-02T15:00:00.000Z',
    });
    // The home address stays on the chart; the letters stop using it.
    expect(chart.address?.line1).toBe('12 Sample Street');
    expect(await letterAddress(readDb(p.core.ctx), clientId)).toEqual({
      name: 'Avery Fictus',
      lines: ['40 Quiet Harbor Lane', 'Box 7', 'Elsewhere, WA 98001'],
      confidential: true,
    });
    const list = await p.ok('clients.search', { query: 'Fictus' }, W.desk);
    expect(list.clients.find((c) => c.id === clientId)?.confidentialContact).toBe(
      'use the alternative address; call the alternative phone; no voicemail',
    );
  });

  it('the clinician on the care team changes them; a phone-only request keeps letters at home', async () => {
    const chart = await p.ok(
      'clients.setConfidentialCommunications',
      { clientId, communications: { phone: '(555) 010-7321', noVoicemail: true } },
      W.clin,
    );
    expect(chart.confidentialCommunications).toMatchObject({ address: null, noVoicemail: true, note: null });
    expect(chart.confidentialCommunications?.since).toBe('2026-03-02T15:00:00.000Z');
    expect((await letterAddress(readDb(p.core.ctx), clientId)).confidential).toBe(false);
    await p.ok('clients.setConfidentialCommunications', { clientId, communications: ALTERNATIVE }, W.clin);
  });

  it('the denial letter prints the alternative address and the state notice, never the home address', async () => {
    await p.ok('practice.updateStateLaw', {
      deadlines: {
        accessDays: 20,
        accessExtensionDays: 30,
        amendmentDays: 60,
        amendmentExtensionDays: 30,
        accountingDays: 60,
        accountingExtensionDays: 30,
      },
      stateNotice: 'Synthetic state notice: Example State Board of Behavioral Health, 1-555-010-0000.',
    });
    const r = await p.ok('releases.create', accessRequest(clientId), W.desk);
    await p.ok(
      'releases.deny',
      {
        requestId: r.summary.id,
        ground: 'endanger_life_safety',
        explanation: 'Synthetic: likely to endanger the client',
      },
      W.clin,
    );
    const shown = await p.ok('releases.denialLetter', { requestId: r.summary.id }, W.desk);
    expect(shown.cover).toContainEqual({
      label: 'To',
      value: 'Avery Fictus\n40 Quiet Harbor Lane\nBox 7\nElsewhere, WA 98001',
    });
    const letter = await p.ok('releases.exportDenialLetter', { requestId: r.summary.id }, W.desk);
    if (!letter) throw new Error('no letter written');
    const text = pdfText(join(out.path, letter.packageName, 'denial-letter.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('40 Quiet Harbor Lane');
    expect(text).toContain('Elsewhere, WA 98001');
    expect(text).not.toContain('12 Sample Street');
    expect(text).toMatch(/your rights under state law/i);
    expect(text).toContain('Example State Board of Behavioral Health');
  });

  it('is audited without its content, and ends when the client withdraws it', async () => {
    const page = await p.ok('audit.list', { filter: { action: 'client.communicationsUpdate', clientId } });
    expect(page.entries.length).toBe(3);
    const logged = JSON.stringify(page.entries);
    for (const secret of ['Quiet Harbor', 'Elsewhere', '7321', 'Work phone'])
      expect(logged).not.toContain(secret);

    const ended = await p.ok(
      'clients.setConfidentialCommunications',
      { clientId, communications: null },
      W.desk,
    );
    expect(ended.confidentialCommunications).toBeNull();
    expect((await letterAddress(readDb(p.core.ctx), clientId)).lines[0]).toBe('12 Sample Street');
    const again = await set(null);
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    const after = await p.ok('audit.list', { filter: { action: 'client.communicationsUpdate', clientId } });
    expect(after.entries[0]?.summary).toBe('Ended confidential communications for Avery Fictus');
  });

  it('is kept across a restart', async () => {
    await p.ok('clients.setConfidentialCommunications', { clientId, communications: ALTERNATIVE }, W.desk);
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password);
    const chart = await p.ok('clients.get', { clientId });
    expect(chart.confidentialCommunications?.address?.line1).toBe('40 Quiet Harbor Lane');
    expect((await letterAddress(readDb(p.core.ctx), clientId)).confidential).toBe(true);
  });

  it('a locked session changes nothing', async () => {
    await clock.advance(6 * 60_000);
    const e = await p.fail('clients.setConfidentialCommunications', { clientId, communications: null });
    expect(e.code).toBe('LOCKED');
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.ok('clients.get', { clientId })).confidentialCommunications).not.toBeNull();
  });
});
