// Session notes: drafts, signing and immutability, addenda, tamper detection, psychotherapy-note
// privacy, co-signature, the timeline and search, for every role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';

let p: TestPractice;
type Member = { id: string; username: string; password: string };
let clinA: Member;
let clinB: Member;
let supervisor: Member;
let desk: Member;
let clientId: string;
let otherClientId: string;
const W = { owner: 'w1', a: 'w-a', b: 'w-b', sup: 'w-sup', desk: 'w-desk' };

async function fresh(u: Member, w: string) {
  await p.signIn(u.username, u.password, w);
  await p.ok(
    'auth.changePassword',
    { currentPassword: u.password, newPassword: `${u.username}-lumen-cobalt-73` },
    w,
  );
}

beforeAll(async () => {
  p = await makePractice();
  clinA = await p.addStaff('clinician', 'Dr. Ada Testcase');
  clinB = await p.addStaff('clinician', 'Dr. Bo Mockwell');
  supervisor = await p.addStaff('clinician', 'Dr. Sol Overseer');
  desk = await p.addStaff('front_desk', 'Dee Deskworth');
  await fresh(clinA, W.a);
  await fresh(clinB, W.b);
  await fresh(supervisor, W.sup);
  await fresh(desk, W.desk);
  clientId = (await p.ok('clients.create', adultClient(clinA.id), W.desk)).id;
  otherClientId = (await p.ok('clients.create', adultClient(clinB.id, { legalFirstName: 'Other' }), W.desk))
    .id;
});
afterAll(async () => {
  await p.close();
});

describe('drafts', () => {
  it('save as typed, and come back exactly as left', async () => {
    const first = await p.ok(
      'notes.saveDraft',
      dapNote(clientId, { sections: { data: 'Half a sent' } }),
      W.a,
    );
    await p.ok(
      'notes.saveDraft',
      dapNote(clientId, { noteId: first.noteId, sections: { data: 'Half a sentence more' } }),
      W.a,
    );
    const note = await p.ok('notes.get', { noteId: first.noteId }, W.a);
    expect(note).toMatchObject({
      status: 'draft',
      integrity: 'unsigned',
      canEdit: true,
      durationMinutes: 45,
    });
    expect(note.sections).toEqual({ data: 'Half a sentence more', assessment: '', plan: '' });
    const drafts = await p.ok('notes.myDrafts', {}, W.a);
    expect(drafts.map((d) => d.id)).toContain(first.noteId);
  });

  it('list unsigned drafts oldest first', async () => {
    const a = await p.ok('notes.saveDraft', dapNote(clientId, { serviceDate: '2026-01-02' }), W.a);
    const b = await p.ok('notes.saveDraft', dapNote(clientId, { serviceDate: '2026-01-03' }), W.a);
    const ids = (await p.ok('notes.myDrafts', {}, W.a)).map((d) => d.id);
    expect(ids.indexOf(a.noteId)).toBeLessThan(ids.indexOf(b.noteId));
  });

  it('belong to their author: nobody else opens, edits, signs or even sees them', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    expect((await p.fail('notes.get', { noteId }, 'w1')).code).toBe('NOT_FOUND');
    expect((await p.fail('notes.saveDraft', dapNote(clientId, { noteId }), 'w1')).code).toBe('NOT_FOUND');
    expect((await p.fail('notes.sign', { noteId }, 'w1')).code).toBe('NOT_FOUND');
    const ownerTimeline = await p.ok('notes.timeline', { clientId }, 'w1');
    expect(ownerTimeline.some((e) => e.type === 'note' && e.noteId === noteId)).toBe(false);
  });

  it('cannot be started for a client off the caseload', async () => {
    expect((await p.fail('notes.saveDraft', dapNote(otherClientId), W.a)).code).toBe('FORBIDDEN');
  });

  it('can be discarded; a signed note cannot', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    await p.ok('notes.discardDraft', { noteId }, W.a);
    expect((await p.fail('notes.get', { noteId }, W.a)).code).toBe('NOT_FOUND');
  });
});

describe('signing', () => {
  it('refuses until the note is complete: end before start, missing sections, risk plan', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      dapNote(clientId, {
        startTime: '11:00',
        endTime: '10:30',
        riskLevel: 'moderate',
        sections: { data: 'Synthetic', assessment: '', plan: 'Synthetic' },
      }),
      W.a,
    );
    const e = await p.fail('notes.sign', { noteId }, W.a);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toEqual([
      { path: 'sections.assessment', message: 'Assessment is required before signing.' },
      { path: 'endTime', message: 'The session must end after it starts.' },
      { path: 'riskPlan', message: 'Moderate or high risk needs a plan.' },
    ]);
  });

  it('locks the note: stores its SHA-256, refuses edits from anyone, even through SQL', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    const signed = await p.ok('notes.sign', { noteId }, W.a);
    expect(signed).toMatchObject({ status: 'signed', integrity: 'ok', canEdit: false, canAmend: true });
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const edit = await p.fail(
      'notes.saveDraft',
      dapNote(clientId, { noteId, sections: { data: 'rewritten' } }),
      W.a,
    );
    expect(edit.code).toBe('LOCKED');
    expect(edit.message).toMatch(/Add an addendum/);
    expect((await p.fail('notes.discardDraft', { noteId }, W.a)).code).toBe('LOCKED');
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.prepare("UPDATE notes SET sections = '{}' WHERE id = ?").run(noteId)).toThrow(
      /cannot be changed/,
    );
    expect(() => sqlite.prepare('DELETE FROM notes WHERE id = ?').run(noteId)).toThrow(/cannot be deleted/);
  });

  it('detects a changed row on every read, flags it and audits it', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    await p.ok('notes.sign', { noteId }, W.a);
    const sqlite = p.core.ctx.vault.db.sqlite;
    sqlite.exec('DROP TRIGGER notes_signed_immutable');
    sqlite
      .prepare(`UPDATE notes SET sections = json_set(sections, '$.plan', 'altered') WHERE id = ?`)
      .run(noteId);
    const note = await p.ok('notes.get', { noteId }, W.a);
    expect(note.integrity).toBe('tampered');
    const { entries } = await p.ok('audit.list', { filter: { action: 'note.integrityFailed' }, limit: 5 });
    expect(entries.map((e) => e.targetId)).toContain(noteId);
    expect((await p.fail('notes.cosign', { noteId }, W.sup)).code).toBe('NOT_FOUND');
    // Put the guard back for the tests that follow.
    sqlite
      .prepare(`UPDATE notes SET sections = json_set(sections, '$.plan', ?) WHERE id = ?`)
      .run(dapNote(clientId).sections.plan, noteId);
    expect((await p.ok('notes.get', { noteId }, W.a)).integrity).toBe('ok');
    sqlite.exec(`CREATE TRIGGER notes_signed_immutable
      BEFORE UPDATE OF id, client_id, author_id, kind, template, service_date, start_time, end_time,
        duration_minutes, service_code, modality, location, participants, risk_level, risk_plan,
        sections, part2, status, signed_at, content_hash, cosign_by ON notes
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed'); END`);
  });

  it('takes addenda, each signed with its own hash, from the author or the care team', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    await p.ok('notes.sign', { noteId }, W.a);
    const withAddendum = await p.ok(
      'notes.addAddendum',
      { noteId, text: 'Synthetic correction: session was 50 minutes.' },
      W.a,
    );
    expect(withAddendum.addenda).toHaveLength(1);
    expect(withAddendum.addenda[0]).toMatchObject({
      author: { displayName: 'Dr. Ada Testcase' },
      integrity: 'ok',
    });
    expect((await p.fail('notes.addAddendum', { noteId, text: 'x' }, W.b)).code).toBe('NOT_FOUND');
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.prepare("UPDATE note_addenda SET text = 'x' WHERE note_id = ?").run(noteId)).toThrow(
      /cannot be changed/,
    );
  });
});

describe('psychotherapy notes', () => {
  let noteId: string;
  beforeAll(async () => {
    await p.ok('clients.addCareTeamMember', { clientId, userId: clinB.id }, W.a);
    noteId = (
      await p.ok(
        'notes.saveDraft',
        {
          clientId,
          kind: 'psychotherapy',
          template: 'free',
          serviceDate: '2026-01-12',
          sections: {
            note: 'Synthetic process note: transference around the quokka dream.',
            plan: 'Explore next time.',
          },
          part2: false,
        },
        W.a,
      )
    ).noteId;
    await p.ok('notes.sign', { noteId }, W.a);
  });

  it('are read by their author only — not the care team, the owner or front desk', async () => {
    expect((await p.ok('notes.get', { noteId }, W.a)).kind).toBe('psychotherapy');
    expect((await p.fail('notes.get', { noteId }, W.b)).code).toBe('NOT_FOUND');
    expect((await p.fail('notes.get', { noteId }, 'w1')).code).toBe('NOT_FOUND');
    expect((await p.fail('notes.get', { noteId }, W.desk)).code).toBe('FORBIDDEN');
  });

  it('are found in search by their author only', async () => {
    expect((await p.ok('notes.search', { query: 'quokka' }, W.a)).map((h) => h.noteId)).toEqual([noteId]);
    expect(await p.ok('notes.search', { query: 'quokka' }, W.b)).toEqual([]);
    expect(await p.ok('notes.search', { query: 'quokka' }, 'w1')).toEqual([]);
  });

  it('do not appear in anyone else’s timeline', async () => {
    const forB = await p.ok('notes.timeline', { clientId }, W.b);
    expect(forB.some((e) => e.type === 'note' && e.noteId === noteId)).toBe(false);
    const forDesk = await p.ok('notes.timeline', { clientId }, W.desk);
    expect(forDesk.every((e) => e.type === 'session')).toBe(true);
  });
});

describe('search', () => {
  it('finds signed notes of the caseload with a highlighted snippet; not other clinicians’', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      dapNote(otherClientId, {
        sections: { data: 'Synthetic: talked about the periwinkle garden.', assessment: 'ok', plan: 'ok' },
      }),
      W.b,
    );
    await p.ok('notes.sign', { noteId }, W.b);
    const hits = await p.ok('notes.search', { query: 'periwink' }, W.b);
    expect(hits.map((h) => h.noteId)).toEqual([noteId]);
    expect(hits[0]?.snippet).toContainEqual({ text: 'periwinkle', hit: true });
    expect(await p.ok('notes.search', { query: 'periwinkle' }, W.a)).toEqual([]);
    expect((await p.ok('notes.search', { query: 'periwinkle' }, 'w1')).map((h) => h.noteId)).toEqual([
      noteId,
    ]);
    expect((await p.fail('notes.search', { query: 'periwinkle' }, W.desk)).code).toBe('FORBIDDEN');
  });

  it('finds text added in an addendum, and handles FTS syntax as plain words', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    await p.ok('notes.sign', { noteId }, W.a);
    await p.ok('notes.addAddendum', { noteId, text: 'Synthetic: mentioned the xylophone lessons.' }, W.a);
    expect((await p.ok('notes.search', { query: 'xylophone' }, W.a)).map((h) => h.noteId)).toEqual([noteId]);
    for (const q of ['"', 'a OR b', 'NEAR(x y)', '*', '-x'])
      expect((await p.call('notes.search', { query: q }, W.a)).ok).toBe(true);
  });
});

describe('front desk', () => {
  it('sees that sessions took place (date, clinician, code), never their content', async () => {
    const timeline = await p.ok('notes.timeline', { clientId }, W.desk);
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline.every((e) => e.type === 'session')).toBe(true);
    expect(JSON.stringify(timeline)).not.toMatch(/Synthetic|noteId|sections/);
    expect(timeline[0]).toMatchObject({
      clinician: { displayName: 'Dr. Ada Testcase' },
      serviceCode: '90834',
    });
  });

  it.each(['notes.get', 'notes.sign', 'notes.myDrafts', 'notes.cosignQueue'] as const)(
    'is refused %s by role, whatever the input',
    async (channel) => {
      expect((await p.fail(channel, { noteId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' }, W.desk)).code).toBe(
        'FORBIDDEN',
      );
    },
  );
});

describe('supervision', () => {
  it('sends a supervisee’s signed notes to the supervisor’s queue; the co-signature is recorded', async () => {
    await p.ok('staff.setSupervisor', { superviseeId: clinA.id, supervisorId: supervisor.id }, 'w1');
    expect(await p.ok('staff.supervision', {}, 'w1')).toEqual([
      {
        supervisee: { id: clinA.id, displayName: 'Dr. Ada Testcase' },
        supervisor: { id: supervisor.id, displayName: 'Dr. Sol Overseer' },
      },
    ]);
    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    const signed = await p.ok('notes.sign', { noteId }, W.a);
    expect(signed.cosign).toEqual({
      requiredFrom: { id: supervisor.id, displayName: 'Dr. Sol Overseer' },
      cosignedBy: null,
      cosignedAt: null,
    });
    const queue = await p.ok('notes.cosignQueue', {}, W.sup);
    expect(queue.map((n) => n.id)).toContain(noteId);
    expect((await p.fail('notes.cosign', { noteId }, W.b)).code).toBe('NOT_FOUND');
    const cosigned = await p.ok('notes.cosign', { noteId }, W.sup);
    expect(cosigned.cosign.cosignedBy?.displayName).toBe('Dr. Sol Overseer');
    expect(cosigned.integrity).toBe('ok');
    expect((await p.ok('notes.cosignQueue', {}, W.sup)).map((n) => n.id)).not.toContain(noteId);
    expect((await p.fail('notes.cosign', { noteId }, W.sup)).code).toBe('CONFLICT');
  });

  it('writes the co-signature once, whole, by the co-signer asked; nobody changes or clears it, even through SQL', async () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    const cosignOf = (id: string) =>
      sqlite.prepare('SELECT cosigned_by, cosigned_at, cosign_hash FROM notes WHERE id = ?').get(id);
    const set = (id: string, assignments: string) => () =>
      sqlite.prepare(`UPDATE notes SET ${assignments} WHERE id = ?`).run(id);
    const { noteId: draftId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    expect(set(draftId, `cosigned_by = '${supervisor.id}', cosigned_at = 'x', cosign_hash = 'x'`)).toThrow(
      /written once/,
    );
    await p.ok('notes.discardDraft', { noteId: draftId }, W.a);

    const { noteId } = await p.ok('notes.saveDraft', dapNote(clientId), W.a);
    await p.ok('notes.sign', { noteId }, W.a);
    // Not by someone else, not without its time and hash.
    expect(set(noteId, `cosigned_by = '${clinB.id}', cosigned_at = 'x', cosign_hash = 'x'`)).toThrow(
      /written once/,
    );
    expect(set(noteId, `cosigned_by = '${supervisor.id}'`)).toThrow(/written once/);
    expect(cosignOf(noteId)).toEqual({ cosigned_by: null, cosigned_at: null, cosign_hash: null });

    const cosigned = await p.ok('notes.cosign', { noteId }, W.sup);
    const written = cosignOf(noteId);
    expect(written).toMatchObject({
      cosigned_by: supervisor.id,
      cosign_hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
    });
    expect((await p.fail('notes.cosign', { noteId }, W.sup)).code).toBe('CONFLICT');
    expect(set(noteId, 'cosigned_by = NULL, cosigned_at = NULL, cosign_hash = NULL')).toThrow(/written once/);
    expect(set(noteId, `cosigned_by = '${clinB.id}'`)).toThrow(/written once/);
    expect(set(noteId, "cosigned_at = '2026-01-01T00:00:00.000Z'")).toThrow(/written once/);
    expect(set(noteId, "cosign_hash = 'x'")).toThrow(/written once/);
    expect(cosignOf(noteId)).toEqual(written);
    expect((await p.ok('notes.get', { noteId }, W.a)).cosign).toEqual(cosigned.cosign);
  });

  it('refuses self-supervision, mutual supervision and front-desk supervisors', async () => {
    expect(
      (await p.fail('staff.setSupervisor', { superviseeId: clinB.id, supervisorId: clinB.id }, 'w1')).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await p.fail('staff.setSupervisor', { superviseeId: supervisor.id, supervisorId: clinA.id }, 'w1'))
        .code,
    ).toBe('CONFLICT');
    expect(
      (await p.fail('staff.setSupervisor', { superviseeId: clinB.id, supervisorId: desk.id }, 'w1')).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await p.fail('staff.setSupervisor', { superviseeId: clinB.id, supervisorId: null }, W.a)).code,
    ).toBe('FORBIDDEN');
  });
});

describe('the timeline', () => {
  it('lists notes, intake and screenings newest first for the clinical team', async () => {
    await p.ok(
      'screenings.record',
      {
        clientId,
        instrument: 'gad7',
        administeredOn: '2026-01-20',
        items: [1, 1, 1, 1, 1, 1, 1],
        context: 'follow_up',
      },
      W.a,
    );
    const t = await p.ok('notes.timeline', { clientId }, W.a);
    const dates = t.map((e) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(t[0]).toMatchObject({ type: 'screening', instrument: 'gad7', total: 7 });
    expect(t.some((e) => e.type === 'note' && e.status === 'signed')).toBe(true);
  });
});
