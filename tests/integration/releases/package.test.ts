// The release package on disk: exactly the approved records and nothing else (read back from the
// PDF's text and the FHIR bundle), a manifest that verifies and a flipped byte that does not, the
// password-protected form, no overwrite on a name collision, and a real crash (the process killed
// with SIGKILL) in the middle of an export leaving no package, or a complete one, at the destination.
import { spawnSync } from 'node:child_process';
import { runUntilKilled } from '../../helpers/kill.ts';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';
import { verifyFolder } from '../../../main/core/releases/verify.ts';
import { TEMP_PREFIX } from '../../../main/core/releases/package-writer.ts';
import type { Selection } from '../../../preload/contract/releases.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { secretServiceAvailable } from '../../helpers/keychain.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import {
  accessRequest,
  courtOrder,
  hipaaAuthorization,
  pdfText,
  thirdParty,
} from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

// Distinct words in each record, so the text read back shows which records left the practice.
const WORD = {
  included: 'Juniperwick',
  secondIncluded: 'Tamarindel',
  outOfRange: 'Quillbramble',
  psychotherapy: 'Mossharrow',
  part2: 'Fennelgrave',
  addendum: 'Sorrelmarsh',
  intake: 'Bramblecourt',
};

const hasService = await secretServiceAvailable();
const keychainService = `Stillwater-test-${randomUUID()}`;
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { clin: 'w-clin', desk: 'w-desk' };
let p: TestPractice;
/** The practice as first built: closing it removes its folder (after a restart, p is a new core over it). */
let first: TestPractice;
let clin: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let clientId: string;
const out = tempDir('stillwater-packages-');

const NOTES_ONLY: Selection = {
  recordTypes: ['progress_notes'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};

beforeAll(async () => {
  p = await makePractice({ clock, ...(hasService ? { keychain: keytarKeychain(keychainService) } : {}) });
  first = p;
  clin = await p.addStaff('clinician', 'Dr. Ada Testcase');
  desk = await p.addStaff('front_desk', 'Dee Deskworth');
  for (const [u, w] of [
    [clin, W.clin],
    [desk, W.desk],
  ] as const) {
    await p.signIn(u.username, u.password, w);
    const newPassword = `${u.username}-fjord-amber-91`;
    await p.ok('auth.changePassword', { currentPassword: u.password, newPassword }, w);
    u.password = newPassword;
  }
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
  await p.ok(
    'intake.save',
    intake(clientId, { substanceUsePart2: true, presentingConcern: `Synthetic: ${WORD.intake} worries.` }),
    W.clin,
  );
  const note = async (serviceDate: string, data: string, extra: Parameters<typeof dapNote>[1] = {}) => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      dapNote(clientId, {
        serviceDate,
        ...extra,
        sections: { data, assessment: 'Synthetic: steady.', plan: 'Synthetic: weekly.' },
      }),
      W.clin,
    );
    await p.ok('notes.sign', { noteId }, W.clin);
    return noteId;
  };
  const firstNote = await note('2026-01-12', `Synthetic: the client spoke of ${WORD.included} gardens.`);
  await note('2026-02-09', `Synthetic: the client spoke of ${WORD.secondIncluded} trees.`);
  await note('2025-12-01', `Synthetic: the client spoke of ${WORD.outOfRange} hills.`);
  await note('2026-01-19', `Synthetic: the client spoke of ${WORD.part2} use.`, { part2: true });
  await note('2026-01-26', `Synthetic: the therapist wondered about ${WORD.psychotherapy}.`, {
    kind: 'psychotherapy',
  });
  await p.ok(
    'notes.addAddendum',
    { noteId: firstNote, text: `Synthetic: ${WORD.addendum} correction.` },
    W.clin,
  );
  await p.ok(
    'screenings.record',
    {
      clientId,
      instrument: 'phq9',
      administeredOn: '2026-01-12',
      items: [1, 1, 1, 1, 1, 1, 0, 0, 0],
      context: 'follow_up',
    },
    W.clin,
  );
});
afterAll(async () => {
  if (p !== first) await p.core.shutdown();
  await first.close();
  out.remove();
});

async function approvedThirdParty(selection: Selection = NOTES_ONLY): Promise<string> {
  const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
  // The authorization describes exactly the kinds of record the selection asks for.
  await p.ok(
    'releases.addAuthorization',
    hipaaAuthorization(r.summary.id, { recordTypes: selection.recordTypes }),
    W.desk,
  );
  await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
  await p.ok('releases.approve', { requestId: r.summary.id, selection }, W.clin);
  return r.summary.id;
}

async function exportTo(requestId: string, folder: string, password?: string) {
  p.folder.next = folder;
  const result = await p.ok('releases.export', { requestId, ...(password ? { password } : {}) }, W.desk);
  if (!result) throw new Error('export cancelled');
  return { ...result, dir: join(folder, result.packageName) };
}

interface Bundle {
  resourceType: string;
  entry: { resource: { resourceType: string; content?: { attachment: { data: string } }[] } }[];
}
const resourceTypes = (b: Bundle) => b.entry.map((e) => e.resource.resourceType).sort();
const decodedText = (b: Bundle) =>
  b.entry
    .flatMap((e) => e.resource.content ?? [])
    .map((c) => Buffer.from(c.attachment.data, 'base64').toString('utf8'))
    .join('\n');

describe('the package holds exactly the approved records', () => {
  it('progress notes in range: the PDF and the FHIR bundle hold them and nothing else', async () => {
    const requestId = await approvedThirdParty();
    const pkg = await exportTo(requestId, out.path);
    expect(readdirSync(pkg.dir).sort()).toEqual([
      'export-complete.json',
      'manifest.json',
      'records.fhir.json',
      'records.pdf',
    ]);

    const text = pdfText(join(pkg.dir, 'records.pdf'));
    expect(text).toContain(WORD.included);
    expect(text).toContain(WORD.secondIncluded);
    // The first note's addendum goes with it, though only notes were chosen: it is part of the note.
    expect(text).toContain(WORD.addendum);
    for (const word of [WORD.outOfRange, WORD.part2, WORD.psychotherapy, WORD.intake]) {
      expect(text).not.toContain(word);
    }
    // The cover sheet says who receives it and why; every page carries its number and the client's identifier.
    expect(text).toContain('Dr. Example Receiver');
    expect(text).toContain('Continuity of care');
    const pages = Number(
      /Pages:\s+(\d+)/.exec(
        execFileSync('pdfinfo', [join(pkg.dir, 'records.pdf')], { encoding: 'utf8' }),
      )?.[1],
    );
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Page ${String(pages)} of ${String(pages)}`);

    const bundle = JSON.parse(readFileSync(join(pkg.dir, 'records.fhir.json'), 'utf8')) as Bundle;
    expect(bundle.resourceType).toBe('Bundle');
    expect(resourceTypes(bundle)).toEqual([
      'Consent',
      'DocumentReference',
      'DocumentReference',
      'Encounter',
      'Encounter',
      'Patient',
    ]);
    const fhirText = decodedText(bundle);
    expect(fhirText).toContain(WORD.included);
    expect(fhirText).toContain(WORD.secondIncluded);
    expect(fhirText).toContain(WORD.addendum);
    for (const word of [WORD.outOfRange, WORD.part2, WORD.psychotherapy, WORD.intake]) {
      expect(JSON.stringify(bundle)).not.toContain(word);
      expect(fhirText).not.toContain(word);
    }
  });

  it('adding assessments and the intake brings exactly those in', async () => {
    const requestId = await approvedThirdParty({
      ...NOTES_ONLY,
      recordTypes: ['progress_notes', 'addenda', 'screenings', 'intake'],
    });
    const pkg = await exportTo(requestId, out.path);
    const text = pdfText(join(pkg.dir, 'records.pdf'));
    for (const word of [WORD.included, WORD.addendum, WORD.intake, 'PHQ-9']) expect(text).toContain(word);
    for (const word of [WORD.outOfRange, WORD.part2, WORD.psychotherapy]) expect(text).not.toContain(word);
    const bundle = JSON.parse(readFileSync(join(pkg.dir, 'records.fhir.json'), 'utf8')) as Bundle;
    // The PHQ-9 as its LOINC panel: the nine item answers and the total.
    expect(resourceTypes(bundle).filter((t) => t === 'Observation')).toHaveLength(11);
    expect(JSON.stringify(bundle)).toContain('"44249-1"');
    expect(decodedText(bundle)).toContain(WORD.addendum);
  });
});

describe('verification', () => {
  it('passes on the package as written and fails on one flipped byte', async () => {
    const pkg = await exportTo(await approvedThirdParty(), out.path);
    p.folder.next = pkg.dir;
    const good = await p.ok('releases.verifyPackage', {}, W.desk);
    expect(good).toMatchObject({ ok: true, inDisclosureLog: true, problems: [] });
    expect(good?.manifestSha256).toBe(pkg.manifestSha256);

    const pdf = join(pkg.dir, 'records.pdf');
    const bytes = readFileSync(pdf);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(pdf, bytes);
    const bad = await p.ok('releases.verifyPackage', {}, W.desk);
    expect(bad?.ok).toBe(false);
    expect(bad?.problems).toEqual(['records.pdf has changed since the package was written.']);
    expect(verifyFolder(pkg.dir).ok).toBe(false);
  });

  it('a file added to the folder, a missing file and a folder that is no package are reported', async () => {
    const pkg = await exportTo(await approvedThirdParty(), out.path);
    writeFileSync(join(pkg.dir, 'extra-notes.txt'), 'Synthetic: slipped in later');
    rmSync(join(pkg.dir, 'records.fhir.json'));
    expect(verifyFolder(pkg.dir).problems).toEqual([
      'records.fhir.json is missing.',
      'extra-notes.txt is in the folder but not in the manifest.',
    ]);
    const folder = tempDir('stillwater-notapackage-');
    try {
      expect(verifyFolder(folder.path).problems).toEqual([
        'There is no manifest.json in this folder: it is not a Stillwater release package.',
      ]);
    } finally {
      folder.remove();
    }
  });

  it('ignores the files an operating system adds to a copied folder, says so, and still reports anything else', async () => {
    const pkg = await exportTo(await approvedThirdParty(), out.path);
    for (const name of ['.DS_Store', 'Thumbs.db', 'desktop.ini', '._records.pdf'])
      writeFileSync(join(pkg.dir, name), 'Synthetic: written by the file manager');
    const result = verifyFolder(pkg.dir);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.ignored).toEqual(['._records.pdf', '.DS_Store', 'Thumbs.db', 'desktop.ini'].sort());
    p.folder.next = pkg.dir;
    const inApp = await p.ok('releases.verifyPackage', {}, W.desk);
    expect(inApp).toMatchObject({ ok: true, inDisclosureLog: true });
    expect(inApp?.ignored).toHaveLength(4);
    const cli = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../../scripts/verify-release.ts', import.meta.url)), pkg.dir],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(
      'ignored  .DS_Store (added by the operating system, not part of the package)',
    );
    // A look-alike is not metadata: "DS_Store.txt" is reported.
    writeFileSync(join(pkg.dir, 'DS_Store.txt'), 'Synthetic');
    expect(verifyFolder(pkg.dir).problems).toEqual([
      'DS_Store.txt is in the folder but not in the manifest.',
    ]);
  });

  it('npm run verify-release checks a package from the command line, without the app', async () => {
    const pkg = await exportTo(await approvedThirdParty(), out.path);
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [fileURLToPath(new URL('../../../scripts/verify-release.ts', import.meta.url)), ...args],
        {
          encoding: 'utf8',
        },
      );
    const good = cli(pkg.dir);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain(`Manifest SHA-256: ${pkg.manifestSha256}`);
    expect(good.stdout).toContain('Verified: every file matches the manifest and nothing was added.');
    expect(good.stdout).not.toContain(WORD.included);

    const fhir = join(pkg.dir, 'records.fhir.json');
    writeFileSync(fhir, readFileSync(fhir, 'utf8').replace('Patient', 'Patiens'));
    const bad = cli(pkg.dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('CHANGED  records.fhir.json');
    expect(bad.stdout).toContain('records.fhir.json has changed since the package was written.');

    expect(cli().status).toBe(2);
    expect(cli(join(out.path, 'no-such-folder')).stderr).toContain('is not a folder.');
  });

  it('a manifest edited to match a changed file is not in the disclosure log', async () => {
    const pkg = await exportTo(await approvedThirdParty(), out.path);
    const manifestPath = join(pkg.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      files: { name: string; sha256: string }[];
    };
    writeFileSync(join(pkg.dir, 'records.fhir.json'), '{"resourceType":"Bundle","entry":[]}');
    const { createHash } = await import('node:crypto');
    for (const f of manifest.files)
      f.sha256 = createHash('sha256')
        .update(readFileSync(join(pkg.dir, f.name)))
        .digest('hex');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    p.folder.next = pkg.dir;
    const result = await p.ok('releases.verifyPackage', {}, W.desk);
    expect(result).toMatchObject({ inDisclosureLog: false });
    expect(result?.ok).toBe(false);
  });
});

describe('password protection', () => {
  it('encrypts the PDF (AES-256) and carries the FHIR bundle inside it, not beside it', async () => {
    const password = 'violet-harbor-lantern-52';
    const pkg = await exportTo(await approvedThirdParty(), out.path, password);
    expect(readdirSync(pkg.dir).sort()).toEqual(['export-complete.json', 'manifest.json', 'records.pdf']);
    const pdf = join(pkg.dir, 'records.pdf');
    const info = execFileSync('pdfinfo', ['-upw', password, pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Encrypted:\s+yes \(.*algorithm:AES-256\)/);
    expect(() => execFileSync('pdftotext', [pdf, '-'], { stdio: 'pipe' })).toThrow();
    expect(pdfText(pdf, password)).toContain(WORD.included);
    expect(readFileSync(pdf).includes(Buffer.from(WORD.included))).toBe(false);
    const listed = execFileSync('pdfdetach', ['-upw', password, '-list', pdf], { encoding: 'utf8' });
    expect(listed).toContain('records.fhir.json');
  });

  it('refuses a short password before anything is written', async () => {
    const requestId = await approvedThirdParty();
    const before = readdirSync(out.path).length;
    p.folder.next = out.path;
    const e = await p.fail('releases.export', { requestId, password: 'short' }, W.desk);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.[0]?.message).toBe('Use a password of at least 12 characters.');
    expect(readdirSync(out.path)).toHaveLength(before);
  });
});

describe('the destination folder', () => {
  it('never overwrites an earlier package with the same name', async () => {
    const folder = tempDir('stillwater-collide-');
    try {
      const a = await exportTo(await approvedThirdParty(), folder.path);
      const before = readFileSync(join(a.dir, 'manifest.json'));
      const b = await exportTo(await approvedThirdParty(), folder.path);
      expect(b.packageName).toBe(`${a.packageName}-2`);
      expect(readFileSync(join(a.dir, 'manifest.json'))).toEqual(before);
    } finally {
      folder.remove();
    }
  });

  it('a cancelled folder dialog exports nothing and keeps the release approved', async () => {
    const requestId = await approvedThirdParty();
    p.folder.next = null;
    expect(await p.ok('releases.export', { requestId }, W.desk)).toBeNull();
    expect((await p.ok('releases.get', { requestId }, W.desk)).summary.status).toBe('approved');
  });

  it('a folder that has gone (drive unplugged) is a clear error and no disclosure is logged', async () => {
    const requestId = await approvedThirdParty();
    const before = (await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.clin)).entries
      .length;
    p.folder.next = join(out.path, 'unplugged-drive');
    const e = await p.fail('releases.export', { requestId }, W.desk);
    expect(e).toMatchObject({
      code: 'NOT_FOUND',
      message: 'That folder is no longer there. Choose another folder.',
    });
    expect(
      (await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.clin)).entries,
    ).toHaveLength(before);
  });
});

describe.skipIf(!hasService)('a crash in the middle of an export (the process killed)', () => {
  const CHILD = fileURLToPath(new URL('./export-crash-child.ts', import.meta.url));

  async function crashAt(stage: 'files-written' | 'committed', requestId: string, destDir: string) {
    // The practice is closed here so the child process owns the database, as the app would.
    await p.core.shutdown();
    const { signal, stderr } = await runUntilKilled(CHILD, {
      STILLWATER_CRASH_JOB: JSON.stringify({
        dataDir: p.dir,
        keychainService,
        username: desk.username,
        password: desk.password,
        requestId,
        destDir,
        stage,
      }),
    });
    expect(signal, stderr).toBe('SIGKILL');
    // The app starts again over the same folder.
    p = p.restart();
    for (const [u, w] of [
      [clin, W.clin],
      [desk, W.desk],
    ] as const)
      await p.signIn(u.username, u.password, w);
  }

  it('after the files were written but before the export was recorded: nothing at the destination, nothing disclosed', async () => {
    const requestId = await approvedThirdParty();
    const folder = tempDir('stillwater-crash-');
    try {
      const before = (await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.clin)).entries
        .length;
      await crashAt('files-written', requestId, folder.path);
      expect(readdirSync(folder.path)).toEqual([]);
      expect((await p.ok('releases.get', { requestId }, W.desk)).summary.status).toBe('approved');
      expect(
        (await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.clin)).entries,
      ).toHaveLength(before);
      // And it can be exported again.
      const pkg = await exportTo(requestId, folder.path);
      expect(verifyFolder(pkg.dir).ok).toBe(true);
    } finally {
      folder.remove();
    }
  });

  it('after the export was recorded but before the rename: the package is finished at the next start', async () => {
    const requestId = await approvedThirdParty();
    const folder = tempDir('stillwater-crash-');
    try {
      await crashAt('committed', requestId, folder.path);
      const names = readdirSync(folder.path);
      expect(names).toHaveLength(1);
      expect(names[0]?.startsWith(TEMP_PREFIX)).toBe(false);
      const dir = join(folder.path, names[0] ?? '');
      expect(verifyFolder(dir).ok).toBe(true);
      const release = await p.ok('releases.get', { requestId }, W.desk);
      expect(release.summary.status).toBe('exported');
      expect(release.exports[0]?.packageName).toBe(names[0]);
      p.folder.next = dir;
      expect(await p.ok('releases.verifyPackage', {}, W.desk)).toMatchObject({
        ok: true,
        inDisclosureLog: true,
      });
    } finally {
      folder.remove();
    }
  });

  it('leaves no temp folder behind that could pass as a package', () => {
    expect(existsSync(out.path)).toBe(true);
    expect(readdirSync(out.path).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });
});

describe('other kinds of request produce their own package', () => {
  it('a client’s own PDF-only request has no FHIR file; a court order’s cover names the case', async () => {
    const access = await p.ok(
      'releases.create',
      { ...accessRequest(clientId), details: { ...accessRequest(clientId).details, format: 'pdf' } } as never,
      W.desk,
    );
    await p.ok('releases.authorize', { requestId: access.summary.id }, W.desk);
    await p.ok('releases.approve', { requestId: access.summary.id, selection: NOTES_ONLY }, W.clin);
    const a = await exportTo(access.summary.id, out.path);
    expect(readdirSync(a.dir).sort()).toEqual(['export-complete.json', 'manifest.json', 'records.pdf']);

    const order = await p.ok('releases.create', courtOrder(clientId), W.desk);
    await p.ok('releases.authorize', { requestId: order.summary.id }, W.desk);
    await p.ok('releases.approve', { requestId: order.summary.id, selection: NOTES_ONLY }, W.clin);
    const o = await exportTo(order.summary.id, out.path);
    const text = pdfText(join(o.dir, 'records.pdf'));
    expect(text).toContain('SYN-2026-0001');
    expect(text).toContain(WORD.included);
  });
});

describe('a note changed after signing', () => {
  it('cannot leave the practice: preview and export refuse, nothing is written, the attempt is audited', async () => {
    const otherClient = (
      await p.ok('clients.create', adultClient(clin.id, { legalFirstName: 'Rowan' }), W.desk)
    ).id;
    const { noteId } = await p.ok(
      'notes.saveDraft',
      dapNote(otherClient, { serviceDate: '2026-01-14' }),
      W.clin,
    );
    await p.ok('notes.sign', { noteId }, W.clin);
    const r = await p.ok('releases.create', thirdParty(otherClient), W.desk);
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(r.summary.id, { signedBy: 'Rowan Fictus' }),
      W.desk,
    );
    await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk);
    await p.ok('releases.approve', { requestId: r.summary.id, selection: NOTES_ONLY }, W.clin);

    const sqlite = p.core.ctx.vault.db.sqlite;
    const trigger = (
      sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'notes_signed_immutable'").get() as {
        sql: string;
      }
    ).sql;
    sqlite.exec('DROP TRIGGER notes_signed_immutable');
    sqlite
      .prepare(`UPDATE notes SET sections = json_set(sections, '$.plan', 'altered') WHERE id = ?`)
      .run(noteId);
    sqlite.exec(trigger);

    const folder = tempDir('stillwater-tampered-');
    try {
      p.folder.next = folder.path;
      const e = await p.fail('releases.export', { requestId: r.summary.id }, W.desk);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toBe(
        '1 note in this selection failed the integrity check (changed after signing). Nothing can be released until the practice owner has looked into it.',
      );
      expect(readdirSync(folder.path)).toEqual([]);
      expect(
        (await p.fail('releases.preview', { requestId: r.summary.id, selection: NOTES_ONLY }, W.clin)).code,
      ).toBe('CONFLICT');
      expect((await p.ok('releases.get', { requestId: r.summary.id }, W.desk)).summary.status).toBe(
        'approved',
      );
      // Nor can a new release of it be approved.
      const again = await p.ok('releases.create', thirdParty(otherClient), W.desk);
      await p.ok(
        'releases.addAuthorization',
        hipaaAuthorization(again.summary.id, { signedBy: 'Rowan Fictus' }),
        W.desk,
      );
      await p.ok('releases.authorize', { requestId: again.summary.id }, W.desk);
      expect(
        (await p.fail('releases.approve', { requestId: again.summary.id, selection: NOTES_ONLY }, W.clin))
          .code,
      ).toBe('CONFLICT');
      await p.signIn(OWNER.username, OWNER.password, 'w-owner');
      const { entries } = await p.ok(
        'audit.list',
        { filter: { action: 'note.integrityFailed' }, limit: 10 },
        'w-owner',
      );
      expect(entries.filter((x) => x.targetId === noteId).length).toBeGreaterThanOrEqual(2);
    } finally {
      folder.remove();
    }
  });
});
