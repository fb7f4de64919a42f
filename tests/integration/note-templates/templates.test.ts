// The practice's own note templates (issue 20): the owner creates, supersedes and retires them;
// a version never changes (the channels offer no way, the database refuses); a note keeps the
// version it was started in, is signed against that version's required sections, and records the
// version under its hash; every label of the note comes from its own version. Owner only, audited,
// and the same after a restart.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { getNote, sectionLabels } from '../../../main/core/notes/index.ts';
import { contract, type AuditAction, type Input, type NoteTemplate } from '../../../preload/contract.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import { accessRequest, pdfText } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const W = { owner: 'w1', a: 'w-a', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
let p: TestPractice;
let a: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let x: string;

const INTAKE = {
  name: 'Intake follow-up',
  sections: [
    { label: 'Presenting concern', required: true, help: 'What brought the client in, in their words.' },
    { label: 'Observations', required: false, help: '' },
    { label: 'Next steps', required: true, help: 'Referrals, homework, the next appointment.' },
  ],
};

/** A progress note in a practice template version, its sections keyed by position. */
function customNote(
  versionId: string,
  sections: Record<string, string>,
  extra: Partial<Input<'notes.saveDraft'>> = {},
) {
  return dapNote(x, { template: 'custom', templateVersionId: versionId, sections, ...extra });
}

const auditSummaries = async (action: AuditAction): Promise<string[]> => {
  const { entries } = await p.ok('audit.list', { filter: { action }, limit: 20 }, W.owner);
  return entries.map((e) => e.summary);
};

let intake: NoteTemplate;
let v1Signed = '';
let v1Draft = '';

beforeAll(async () => {
  p = await makePractice({ clock });
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Formwell', W.a);
  desk = await signedInStaff(p, 'front_desk', 'Dee Frontline', W.desk);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
});
afterAll(async () => {
  await p.close();
});

describe('the owner defines a template', () => {
  it('creates version 1 with its sections in order, offers it to clinicians and audits it', async () => {
    intake = await p.ok('templates.create', INTAKE, W.owner);
    expect(intake.current).toMatchObject({
      version: 1,
      latestVersion: 1,
      retired: false,
      name: 'Intake follow-up',
    });
    expect(intake.current.sections).toEqual([
      { key: 'one', ...INTAKE.sections[0] },
      { key: 'two', ...INTAKE.sections[1] },
      { key: 'three', ...INTAKE.sections[2] },
    ]);
    expect(intake.versions).toHaveLength(1);
    expect(intake.notesWritten).toBe(0);
    expect(intake.retiredAt).toBeNull();
    const offered = await p.ok('templates.available', {}, W.a);
    expect(offered.map((v) => v.id)).toEqual([intake.current.id]);
    expect(await auditSummaries('template.create')).toEqual(['Created the note template “Intake follow-up”']);
  });

  it('refuses a second active template of the same name, and the name of a built-in one', async () => {
    const same = await p.fail('templates.create', { ...INTAKE, name: 'intake FOLLOW-UP' }, W.owner);
    expect(same).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'name', message: 'Another template is already called “Intake follow-up”.' }],
    });
    const builtIn = await p.fail('templates.create', { ...INTAKE, name: 'SOAP' }, W.owner);
    expect(builtIn.fields).toEqual([{ path: 'name', message: '“SOAP” is the name of a built-in template.' }]);
    expect(await p.ok('templates.list', {}, W.owner)).toHaveLength(1);
  });
});

describe('notes in a practice template', () => {
  it('are signed only when the required sections of their version are written; the version goes with the note', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      customNote(intake.current.id, {
        one: 'Synthetic: worry about the lighthouse move.',
        two: '',
        three: '',
      }),
      W.a,
    );
    const refused = await p.fail('notes.sign', { noteId }, W.a);
    expect(refused.code).toBe('INVALID_INPUT');
    // Observations is optional in this version: only Next steps is missing.
    expect(refused.fields).toEqual([
      { path: 'sections.three', message: 'Next steps is required before signing.' },
    ]);
    await p.ok(
      'notes.saveDraft',
      customNote(
        intake.current.id,
        { one: 'Synthetic: worry about the lighthouse move.', two: '', three: 'Synthetic: weekly.' },
        { noteId },
      ),
      W.a,
    );
    const signed = await p.ok('notes.sign', { noteId }, W.a);
    expect(signed).toMatchObject({ status: 'signed', integrity: 'ok', template: 'custom' });
    expect(signed.templateVersion).toMatchObject({
      id: intake.current.id,
      version: 1,
      name: 'Intake follow-up',
    });
    expect(signed.sections).toEqual({
      one: 'Synthetic: worry about the lighthouse move.',
      two: '',
      three: 'Synthetic: weekly.',
    });
    v1Signed = noteId;
    const timeline = await p.ok('notes.timeline', { clientId: x }, W.a);
    expect(timeline.find((e) => e.type === 'note' && e.noteId === noteId)).toMatchObject({
      templateLabel: 'Intake follow-up',
    });
  });

  it('refuses a practice-template note without a version, or with one that does not exist', async () => {
    const none = await p.fail(
      'notes.saveDraft',
      { ...customNote(intake.current.id, {}), templateVersionId: undefined },
      W.a,
    );
    expect(none).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'template', message: 'Choose a template.' }],
    });
    const unknown = await p.fail(
      'notes.saveDraft',
      customNote('0b7a3c52-8f1e-4d2a-9c61-3e5f7a9b1c2d', { one: 'Synthetic.' }),
      W.a,
    );
    expect(unknown).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'template', message: 'Choose a template.' }],
    });
  });
});

describe('superseding a template', () => {
  it('publishes version 2 for new notes; version 1 and the notes written in it keep their labels', async () => {
    // A draft started in version 1 before the owner edits the template.
    v1Draft = (
      await p.ok('notes.saveDraft', customNote(intake.current.id, { one: 'Synthetic: started in v1.' }), W.a)
    ).noteId;
    const v2 = await p.ok(
      'templates.supersede',
      {
        templateId: intake.id,
        basedOn: 1,
        name: 'Intake follow-up',
        sections: [
          { label: 'Presenting concern', required: true, help: 'In the client’s words.' },
          { label: 'Observations', required: true, help: 'Mental status, affect.' },
          { label: 'Plan and referrals', required: true, help: '' },
          { label: 'Homework', required: false, help: '' },
        ],
      },
      W.owner,
    );
    expect(v2.current).toMatchObject({ version: 2, latestVersion: 2 });
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    const v1 = v2.versions[1];
    expect(v1?.id).toBe(intake.current.id);
    expect(v1?.sections).toEqual(intake.current.sections);
    expect(v2.notesWritten).toBe(2);

    const old = await p.ok('notes.get', { noteId: v1Signed }, W.a);
    expect(old.integrity).toBe('ok');
    expect(old.templateVersion).toMatchObject({ version: 1, latestVersion: 2 });
    expect(old.templateVersion?.sections.map((s) => s.label)).toEqual([
      'Presenting concern',
      'Observations',
      'Next steps',
    ]);
    // The labels a release prints come from the same place (notes' door).
    const row = await getNote(readDb(p.core.ctx), v1Signed);
    if (!row) throw new Error('note missing');
    const layout = (await sectionLabels(readDb(p.core.ctx), [row])).get(v1Signed);
    expect(layout?.label).toBe('Intake follow-up');
    expect(layout?.sections.map((s) => s.label)).toEqual([
      'Presenting concern',
      'Observations',
      'Next steps',
    ]);
    expect((await p.ok('templates.available', {}, W.a)).map((v) => v.id)).toEqual([v2.current.id]);
    expect(await auditSummaries('template.supersede')).toEqual([
      'Published version 2 of the note template “Intake follow-up” (it supersedes the earlier version for new notes)',
    ]);
    intake = v2;
  });

  it('lets a draft started in version 1 keep it, and signs it against version 1’s required sections', async () => {
    const v1Id = intake.versions[1]?.id ?? '';
    await p.ok(
      'notes.saveDraft',
      customNote(
        v1Id,
        { one: 'Synthetic: started in v1.', two: '', three: 'Synthetic: biweekly.' },
        { noteId: v1Draft },
      ),
      W.a,
    );
    const draft = await p.ok('notes.get', { noteId: v1Draft }, W.a);
    expect(draft.templateVersion).toMatchObject({ id: v1Id, version: 1, latestVersion: 2 });
    // Version 2 requires Observations; this draft is held to version 1, where it is optional.
    const signed = await p.ok('notes.sign', { noteId: v1Draft }, W.a);
    expect(signed.templateVersion?.version).toBe(1);
  });

  it('starts no new note in a superseded version, and holds new notes to version 2', async () => {
    const v1Id = intake.versions[1]?.id ?? '';
    const stale = await p.fail('notes.saveDraft', customNote(v1Id, { one: 'Synthetic.' }), W.a);
    expect(stale).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [
        {
          path: 'template',
          message: 'A newer version of “Intake follow-up” was published: choose the template again.',
        },
      ],
    });
    const { noteId } = await p.ok(
      'notes.saveDraft',
      customNote(intake.current.id, { one: 'Synthetic.', three: 'Synthetic: refer.' }),
      W.a,
    );
    const refused = await p.fail('notes.sign', { noteId }, W.a);
    expect(refused.fields).toEqual([
      { path: 'sections.two', message: 'Observations is required before signing.' },
    ]);
    await p.ok('notes.discardDraft', { noteId }, W.a);
  });

  it('refuses an edit of a version that is no longer the latest, and an edit that changes nothing', async () => {
    const stale = await p.fail(
      'templates.supersede',
      { templateId: intake.id, basedOn: 1, ...INTAKE, name: 'Intake follow-up (again)' },
      W.owner,
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toBe(
      'Version 2 of this template was published meanwhile. Open it again to make your change.',
    );
    const same = await p.fail(
      'templates.supersede',
      {
        templateId: intake.id,
        basedOn: 2,
        name: intake.current.name,
        sections: intake.current.sections.map(({ label, required, help }) => ({ label, required, help })),
      },
      W.owner,
    );
    expect(same).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Nothing was changed: there is no new version to publish.',
    });
    expect((await p.ok('templates.list', {}, W.owner))[0]?.versions).toHaveLength(2);
  });
});

describe('a version never changes', () => {
  it('has no channel that edits a version in place', async () => {
    const names = Object.keys(contract).filter((c) => c.startsWith('templates.'));
    expect(names.sort()).toEqual([
      'templates.available',
      'templates.create',
      'templates.list',
      'templates.retire',
      'templates.supersede',
    ]);
    // Naming a version, or its sections' keys, is not accepted.
    const named = await p.fail(
      'templates.supersede',
      { templateId: intake.id, basedOn: 2, versionId: intake.current.id, ...INTAKE },
      W.owner,
    );
    expect(named.code).toBe('INVALID_INPUT');
    const keyed = await p.fail(
      'templates.create',
      { name: 'Keyed', sections: [{ key: 'one', label: 'A', required: true, help: '' }] },
      W.owner,
    );
    expect(keyed.code).toBe('INVALID_INPUT');
  });

  it('is refused by the database: no update, no delete, no gap in the numbers', () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() =>
      sqlite
        .prepare("UPDATE note_template_versions SET name = 'Altered' WHERE id = ?")
        .run(intake.current.id),
    ).toThrow(/a template version cannot be changed/);
    expect(() =>
      sqlite
        .prepare("UPDATE note_template_versions SET sections = '[]' WHERE template_id = ?")
        .run(intake.id),
    ).toThrow(/a template version cannot be changed/);
    expect(() =>
      sqlite.prepare('DELETE FROM note_template_versions WHERE id = ?').run(intake.current.id),
    ).toThrow(/a template version cannot be deleted/);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO note_template_versions (id, template_id, version, name, sections, created_at, created_by)
           VALUES ('f3c1d7a2-0000-4000-8000-000000000001', ?, 5, 'Skipped', '[]', '2026-03-02', ?)`,
        )
        .run(intake.id, intake.current.createdBy.id),
    ).toThrow(/a template version follows the last one/);
    expect(() => sqlite.prepare('DELETE FROM note_templates WHERE id = ?').run(intake.id)).toThrow(
      /a note template cannot be deleted/,
    );
  });

  it('keeps a signed note’s version: the database refuses to move it, and the hash detects it moved', async () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    const move = sqlite.prepare('UPDATE notes SET template_version_id = ? WHERE id = ?');
    expect(() => move.run(intake.current.id, v1Signed)).toThrow(/a signed note cannot be changed/);
    const trigger = (
      sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'notes_signed_links_fixed'").get() as {
        sql: string;
      }
    ).sql;
    sqlite.exec('DROP TRIGGER notes_signed_links_fixed');
    try {
      move.run(intake.current.id, v1Signed);
      const moved = await p.ok('notes.get', { noteId: v1Signed }, W.a);
      expect(moved.integrity).toBe('tampered');
      const { entries } = await p.ok(
        'audit.list',
        { filter: { action: 'note.integrityFailed' }, limit: 5 },
        W.owner,
      );
      expect(entries.map((e) => e.targetId)).toContain(v1Signed);
      move.run(intake.versions[1]?.id ?? '', v1Signed);
      expect((await p.ok('notes.get', { noteId: v1Signed }, W.a)).integrity).toBe('ok');
    } finally {
      sqlite.exec(trigger);
    }
  });
});

describe('retiring a template', () => {
  it('starts no new notes in it; notes and drafts written in it keep it', async () => {
    const group = await p.ok(
      'templates.create',
      { name: 'Group session', sections: [{ label: 'Group theme', required: true, help: '' }] },
      W.owner,
    );
    const { noteId } = await p.ok(
      'notes.saveDraft',
      customNote(group.current.id, { one: 'Synthetic: trust.' }),
      W.a,
    );
    const retired = await p.ok('templates.retire', { templateId: group.id }, W.owner);
    expect(retired.retiredAt).toBe(new Date(clock.now()).toISOString());
    expect(retired.retiredBy?.id).toBeDefined();
    expect(retired.current.retired).toBe(true);
    expect((await p.ok('templates.available', {}, W.a)).map((v) => v.name)).toEqual(['Intake follow-up']);
    const fresh = await p.fail('notes.saveDraft', customNote(group.current.id, { one: 'Synthetic.' }), W.a);
    expect(fresh.fields).toEqual([
      { path: 'template', message: 'The template “Group session” was retired: choose another one.' },
    ]);
    // The draft started before keeps it and is signed in it.
    await p.ok(
      'notes.saveDraft',
      customNote(group.current.id, { one: 'Synthetic: trust, again.' }, { noteId }),
      W.a,
    );
    const signed = await p.ok('notes.sign', { noteId }, W.a);
    expect(signed.templateVersion).toMatchObject({ name: 'Group session', retired: true });
    expect((await p.fail('templates.retire', { templateId: group.id }, W.owner)).code).toBe('CONFLICT');
    const edit = await p.fail(
      'templates.supersede',
      {
        templateId: group.id,
        basedOn: 1,
        name: 'Group session',
        sections: [{ label: 'Theme', required: true, help: '' }],
      },
      W.owner,
    );
    expect(edit).toMatchObject({
      code: 'CONFLICT',
      message: 'This template is retired: it can no longer be changed.',
    });
    expect(await auditSummaries('template.retire')).toEqual([
      'Retired the note template “Group session” (no new notes in it)',
    ]);
    // Its name is free again for an active template.
    const again = await p.ok(
      'templates.create',
      { name: 'Group session', sections: [{ label: 'Theme', required: true, help: '' }] },
      W.owner,
    );
    expect(again.id).not.toBe(group.id);
  });
});

describe('who may', () => {
  const changes = (): [string, unknown][] => [
    ['templates.list', {}],
    ['templates.create', INTAKE],
    ['templates.supersede', { templateId: intake.id, basedOn: 2, ...INTAKE, name: 'Taken over' }],
    ['templates.retire', { templateId: intake.id }],
  ];

  it('refuses clinicians and front desk everything but the editor’s list, and changes nothing', async () => {
    const before = await p.ok('templates.list', {}, W.owner);
    for (const window of [W.a, W.desk]) {
      for (const [channel, input] of changes()) {
        expect((await p.fail(channel as 'templates.list', input, window)).code, `${channel} ${window}`).toBe(
          'FORBIDDEN',
        );
      }
    }
    expect((await p.fail('templates.available', {}, W.desk)).code).toBe('FORBIDDEN');
    expect(await p.ok('templates.available', {}, W.a)).toHaveLength(2);
    expect(await p.ok('templates.list', {}, W.owner)).toEqual(before);
    const denied = await auditSummaries('access.denied');
    expect(denied.filter((s) => s.includes('note templates')).length).toBeGreaterThanOrEqual(9);
  });

  it('refuses a session locked for inactivity, and a window never signed in', async () => {
    await p.signIn(OWNER.username, OWNER.password, 'w-owner-2');
    await p.core.endSession('w-owner-2', 'inactivity');
    for (const [channel, input] of changes()) {
      expect((await p.fail(channel as 'templates.list', input, 'w-owner-2')).code).toBe('LOCKED');
      expect((await p.fail(channel as 'templates.list', input, 'w-nobody')).code).toBe('NOT_SIGNED_IN');
    }
    expect((await p.fail('templates.available', {}, 'w-owner-2')).code).toBe('LOCKED');
    expect((await p.ok('templates.list', {}, W.owner)).map((t) => t.current.name)).not.toContain(
      'Taken over',
    );
  });
});

describe('bad input', () => {
  const section = (label: string, extra: object = {}) => ({ label, required: true, help: '', ...extra });
  const cases: [string, unknown][] = [
    ['no sections', { name: 'Empty', sections: [] }],
    [
      '13 sections',
      { name: 'Long', sections: Array.from({ length: 13 }, (_, i) => section(`Part ${String(i + 1)}`)) },
    ],
    ['two sections with one label', { name: 'Twice', sections: [section('Plan'), section('plan')] }],
    ['an empty label', { name: 'Blank', sections: [section('  ')] }],
    ['a huge name', { name: 'N'.repeat(81), sections: [section('A')] }],
    ['a huge label', { name: 'Label', sections: [section('L'.repeat(61))] }],
    ['a huge help text', { name: 'Help', sections: [section('A', { help: 'h'.repeat(501) })] }],
    ['a megabyte of text', { name: 'Big', sections: [section('A', { help: 'x'.repeat(1_000_000) })] }],
    ['a control character', { name: 'Bell\u0007', sections: [section('A')] }],
    ['a name that is a number', { name: 5, sections: [section('A')] }],
    ['sections that are text', { name: 'Text', sections: 'Subjective, Plan' }],
    ['required as a word', { name: 'Word', sections: [section('A', { required: 'yes' })] }],
    ['no name', { sections: [section('A')] }],
    ['an unknown field', { name: 'Extra', sections: [section('A')], owner: 'me' }],
  ];
  it.each(cases)('refuses %s and saves nothing', async (_, input) => {
    const before = (await p.ok('templates.list', {}, W.owner)).length;
    expect((await p.fail('templates.create', input, W.owner)).code).toBe('INVALID_INPUT');
    expect(await p.ok('templates.list', {}, W.owner)).toHaveLength(before);
  });

  it('says which section is wrong', async () => {
    const dup = await p.fail(
      'templates.create',
      { name: 'Twice', sections: [section('Plan'), section('plan')] },
      W.owner,
    );
    expect(dup.fields).toContainEqual({
      path: 'sections.1.label',
      message: 'Two sections cannot have the same label.',
    });
    const many = await p.fail(
      'templates.create',
      { name: 'Long', sections: Array.from({ length: 13 }, (_, i) => section(`Part ${String(i + 1)}`)) },
      W.owner,
    );
    expect(many.fields).toContainEqual({ path: 'sections', message: 'A template has at most 12 sections.' });
    const none = await p.fail('templates.create', { name: 'Empty', sections: [] }, W.owner);
    expect(none.fields).toContainEqual({
      path: 'sections',
      message: 'A template needs at least one section.',
    });
  });

  it('answers NOT_FOUND for a template that does not exist', async () => {
    const missing = '9d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    expect((await p.fail('templates.retire', { templateId: missing }, W.owner)).code).toBe('NOT_FOUND');
    expect(
      (await p.fail('templates.supersede', { templateId: missing, basedOn: 1, ...INTAKE }, W.owner)).code,
    ).toBe('NOT_FOUND');
    expect((await p.fail('templates.retire', { templateId: 'not-an-id' }, W.owner)).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('two owner windows at once', () => {
  it('publish one version each from the same one: the first wins, the other is told', async () => {
    await p.signIn(OWNER.username, OWNER.password, 'w-owner-3');
    const couples = await p.ok(
      'templates.create',
      { name: 'Couples session', sections: [{ label: 'Shared goal', required: true, help: '' }] },
      W.owner,
    );
    const edit = (label: string) => ({
      templateId: couples.id,
      basedOn: 1,
      name: 'Couples session',
      sections: [{ label, required: true, help: '' }],
    });
    const [first, second] = await Promise.all([
      p.call('templates.supersede', edit('Shared goals'), W.owner),
      p.call('templates.supersede', edit('Joint goal'), 'w-owner-3'),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const [now] = (await p.ok('templates.list', {}, W.owner)).filter((t) => t.id === couples.id);
    expect(now?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(now?.current.sections.map((s) => s.label)).toEqual(['Shared goals']);
  });
});

describe('in a release', () => {
  it('labels a note’s sections by its own version in the PDF and the FHIR bundle', async () => {
    const out = tempDir('stillwater-templates-');
    try {
      const selection = {
        recordTypes: ['progress_notes' as const],
        from: '2026-01-01',
        to: '2026-02-28',
        includePart2: false,
      };
      const r = await p.ok('releases.create', accessRequest(x), W.desk);
      const requestId = (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
      await p.ok('releases.approve', { requestId, selection }, W.a);
      p.folder.next = out.path;
      const pkg = await p.ok('releases.export', { requestId }, W.desk);
      if (!pkg) throw new Error('export cancelled');
      const dir = join(out.path, pkg.packageName);
      const pdf = pdfText(join(dir, 'records.pdf')).replace(/\s+/g, ' ');
      expect(pdf).toContain('Progress note (Intake follow-up)');
      // Section labels print in capitals.
      expect(pdf).toMatch(
        /PRESENTING CONCERN Synthetic: worry about the lighthouse move\. OBSERVATIONS — NEXT STEPS Synthetic: weekly\./,
      );
      // Version 2's labels are not the released note's.
      expect(pdf).not.toMatch(/plan and referrals/i);
      // The bundle's note text (its attachments, decoded) follows the PDF's text; its labels are as written.
      const fhir = packageText(dir).slice(pdfText(join(dir, 'records.pdf')).length);
      expect(fhir).toContain('Presenting concern: Synthetic: worry about the lighthouse move.');
      expect(fhir).toContain('Next steps: Synthetic: weekly.');
      expect(fhir).not.toContain('Plan and referrals');
    } finally {
      out.remove();
    }
  });
});

describe('after a restart', () => {
  it('keeps the templates, their versions, and each note’s version and labels', async () => {
    const before = await p.ok('templates.list', {}, W.owner);
    await p.core.shutdown();
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(a.username, a.password, W.a);
    await p.signIn(desk.username, desk.password, W.desk);
    expect(await p.ok('templates.list', {}, W.owner)).toEqual(before);
    const old = await p.ok('notes.get', { noteId: v1Signed }, W.a);
    expect(old).toMatchObject({ integrity: 'ok', templateVersion: { version: 1, latestVersion: 2 } });
    expect(old.templateVersion?.sections.map((s) => s.label)).toEqual([
      'Presenting concern',
      'Observations',
      'Next steps',
    ]);
    expect((await p.fail('templates.create', INTAKE, W.a)).code).toBe('FORBIDDEN');
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() =>
      sqlite
        .prepare("UPDATE note_template_versions SET name = 'Altered' WHERE id = ?")
        .run(intake.current.id),
    ).toThrow(/cannot be changed/);
  });
});
