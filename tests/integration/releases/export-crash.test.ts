// A release export killed (SIGKILL, a real child process) at each of its stages, with its
// destination drive unplugged afterwards where that matters: the next start resolves every export
// exactly once (abandoned and cleaned up, abandoned and named for the owner, or finished), nothing
// uncommitted is ever in the disclosure log, and Verify refuses whatever an unfinished export left.
import { spawnSync } from 'node:child_process';
import { runUntilKilled } from '../../helpers/kill.ts';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_MARKER, completionMarker } from '../../../main/core/releases/package-files.ts';
import { TEMP_PREFIX, type Stage } from '../../../main/core/releases/package-writer.ts';
import { UNFINISHED_MARKER, UNFINISHED_NAME, verifyFolder } from '../../../main/core/releases/verify.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';
import type { Selection } from '../../../preload/contract/releases.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { secretServiceAvailable } from '../../helpers/keychain.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote } from '../../helpers/notes.ts';
import { hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const hasService = await secretServiceAvailable();
const keychainService = `Stillwater-test-${randomUUID()}`;
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { owner: 'w-owner', clin: 'w-clin' };
const CHILD = fileURLToPath(new URL('./export-crash-child.ts', import.meta.url));
const VERIFY_CLI = fileURLToPath(new URL('../../../scripts/verify-release.ts', import.meta.url));
const SELECTION: Selection = {
  recordTypes: ['progress_notes'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};

let p: TestPractice;
let first: TestPractice;
/** What the core's export-stage seam calls in this process (the unplugged-drive test sets it). */
let atExportStage: ((stage: Stage) => void) | undefined;
let clientId: string;
const drives = tempDir('stillwater-drives-');

beforeAll(async () => {
  if (!hasService) return;
  p = await makePractice({
    clock,
    keychain: keytarKeychain(keychainService),
    testSeams: { onExportStage: (stage) => atExportStage?.(stage) },
  });
  first = p;
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  // The clinician writes the chart; the owner does everything else.
  const clin = await p.addStaff('clinician', 'Dr. Ada Crashcourse');
  await p.signIn(clin.username, clin.password, W.clin);
  await p.ok(
    'auth.changePassword',
    { currentPassword: clin.password, newPassword: 'crash-fjord-amber-91' },
    W.clin,
  );
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.owner)).id;
  const { noteId } = await p.ok(
    'notes.saveDraft',
    dapNote(clientId, {
      serviceDate: '2026-01-12',
      sections: {
        data: 'Synthetic: a calm session.',
        assessment: 'Synthetic: steady.',
        plan: 'Synthetic: weekly.',
      },
    }),
    W.clin,
  );
  await p.ok('notes.sign', { noteId }, W.clin);
});

afterAll(async () => {
  if (!hasService) return;
  if (p !== first) await p.core.shutdown();
  await first.close();
  drives.remove();
});

/** A release approved and ready to export; the owner does it all, so each restart needs one sign-in. */
async function approvedRelease(): Promise<string> {
  const r = await p.ok('releases.create', thirdParty(clientId), W.owner);
  await p.ok(
    'releases.addAuthorization',
    hipaaAuthorization(r.summary.id, { recordTypes: ['progress_notes'] }),
    W.owner,
  );
  await p.ok('releases.authorize', { requestId: r.summary.id }, W.owner);
  await p.ok('releases.approve', { requestId: r.summary.id, selection: SELECTION }, W.owner);
  return r.summary.id;
}

/** A folder on a "drive" the test can unplug (move away) and plug back in. */
function drive() {
  const path = join(drives.path, randomUUID());
  const away = `${path}-unplugged`;
  mkdirSync(path);
  return {
    path,
    unplug: () => {
      renameSync(path, away);
    },
    plugIn: () => {
      renameSync(away, path);
    },
    leftovers: () => readdirSync(path).filter((n) => n.startsWith(TEMP_PREFIX)),
  };
}

/** The app starts again over the same folder (the vault opens at the first sign-in). */
async function reopen() {
  await p.core.shutdown();
  p = p.restart();
  await p.signIn(OWNER.username, OWNER.password, W.owner);
}

/** The export runs in a child process that kills itself at `stage`; the drive may then be unplugged. */
async function crashAt(
  stage: Exclude<Stage, 'renamed'>,
  requestId: string,
  destDir: string,
  after?: () => void,
) {
  await p.core.shutdown();
  const { signal, stderr } = await runUntilKilled(CHILD, {
    STILLWATER_CRASH_JOB: JSON.stringify({
      dataDir: p.dir,
      keychainService,
      username: OWNER.username,
      password: OWNER.password,
      requestId,
      destDir,
      stage,
    }),
  });
  expect(signal, stderr).toBe('SIGKILL');
  after?.();
  await reopen();
}

async function entries(
  action: 'release.exportStarted' | 'release.exportAbandoned' | 'release.export',
  requestId: string,
) {
  const { entries: all } = await p.ok('audit.list', { filter: { action }, limit: 500 }, W.owner);
  return all
    .filter((e) => e.targetId === requestId)
    .map((e) => JSON.parse(e.detail) as Record<string, unknown>);
}

/** The disclosure-log entries of one request (what the release's page lists as sent). */
const disclosed = async (requestId: string) => (await p.ok('releases.get', { requestId }, W.owner)).exports;

const problemsFor = async (requestId: string) =>
  (await p.ok('releases.pendingProblems', {}, W.owner)).filter((x) => x.requestId === requestId);

const status = async (requestId: string) =>
  (await p.ok('releases.get', { requestId }, W.owner)).summary.status;

const cli = (dir: string) => spawnSync(process.execPath, [VERIFY_CLI, dir], { encoding: 'utf8' });

describe.skipIf(!hasService)('an export killed at each stage, resolved at the next start', () => {
  it('after its intent was recorded: abandoned once, nothing on disk, nothing disclosed, and it can be exported again', async () => {
    const requestId = await approvedRelease();
    const d = drive();
    await crashAt('intent-recorded', requestId, d.path);
    const started = await entries('release.exportStarted', requestId);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ destination: d.path });
    expect(String(started[0]?.folder)).toMatch(new RegExp(`^${TEMP_PREFIX}`));
    expect(await entries('release.exportAbandoned', requestId)).toEqual([
      expect.objectContaining({ reason: 'interrupted', outcome: 'nothing-written' }),
    ]);
    expect(readdirSync(d.path)).toEqual([]);
    expect(await disclosed(requestId)).toEqual([]);
    expect(await status(requestId)).toBe('approved');
    expect(await problemsFor(requestId)).toEqual([]);

    // Resolved exactly once: another start adds nothing.
    await reopen();
    expect(await entries('release.exportAbandoned', requestId)).toHaveLength(1);

    p.folder.next = d.path;
    const pkg = await p.ok('releases.export', { requestId }, W.owner);
    expect(verifyFolder(join(d.path, pkg?.packageName ?? '')).ok).toBe(true);
    expect(await disclosed(requestId)).toHaveLength(1);
  });

  it('in the middle of writing, drive then unplugged: abandoned naming the folder, the owner told; Verify refuses the half package, and it is removed once the drive is back', async () => {
    const requestId = await approvedRelease();
    const d = drive();
    await crashAt('writing', requestId, d.path, d.unplug);
    const abandoned = await entries('release.exportAbandoned', requestId);
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]).toMatchObject({ reason: 'interrupted', outcome: 'left-on-disk' });
    const leftover = String(abandoned[0]?.folder);
    expect(leftover.startsWith(join(d.path, TEMP_PREFIX))).toBe(true);
    const problems = await problemsFor(requestId);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(leftover);
    expect(problems[0]?.message).toContain('never recorded as sent');
    expect(await disclosed(requestId)).toEqual([]);
    expect(await status(requestId)).toBe('approved');

    d.plugIn();
    expect(existsSync(join(leftover, 'records.pdf'))).toBe(true);
    expect(verifyFolder(leftover)).toMatchObject({ ok: false, problems: [UNFINISHED_NAME] });
    const refused = cli(leftover);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('its export did not finish');

    await reopen();
    expect(existsSync(leftover)).toBe(false);
    expect(await problemsFor(requestId)).toEqual([]);
    expect(await entries('release.exportAbandoned', requestId)).toHaveLength(1);
  });

  it('after its files were written, drive then unplugged: the complete package left behind is refused by every Verify, even renamed, and removed once the drive is back', async () => {
    const requestId = await approvedRelease();
    const d = drive();
    await crashAt('files-written', requestId, d.path, d.unplug);
    const abandoned = await entries('release.exportAbandoned', requestId);
    expect(abandoned).toEqual([expect.objectContaining({ reason: 'interrupted', outcome: 'left-on-disk' })]);
    const leftover = String(abandoned[0]?.folder);
    expect((await problemsFor(requestId))[0]?.message).toContain(leftover);
    expect(await disclosed(requestId)).toEqual([]);
    expect(await status(requestId)).toBe('approved');

    d.plugIn();
    expect(d.leftovers()).toEqual([leftover.slice(d.path.length + 1)]);
    // Every file in it is whole: only the unfinished export tells it apart.
    const check = verifyFolder(leftover);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([UNFINISHED_NAME]);
    expect(check.files.every((f) => f.ok)).toBe(true);
    const refused = cli(leftover);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('NOT VERIFIED');
    expect(refused.stdout).toContain(UNFINISHED_NAME);
    p.folder.next = leftover;
    expect(await p.ok('releases.verifyPackage', {}, W.owner)).toMatchObject({
      ok: false,
      inDisclosureLog: false,
    });

    // Given an ordinary name by hand, it still has no completion marker; a made-up marker names another manifest.
    const renamed = join(drives.path, `Stillwater-release-renamed-${randomUUID()}`);
    cpSync(leftover, renamed, { recursive: true });
    expect(verifyFolder(renamed).problems).toEqual([UNFINISHED_MARKER]);
    expect(cli(renamed).status).toBe(1);
    writeFileSync(
      join(renamed, COMPLETE_MARKER),
      completionMarker('0'.repeat(64), '2026-03-02T15:00:00.000Z'),
    );
    expect(verifyFolder(renamed).problems).toEqual([
      `${COMPLETE_MARKER} does not belong to this package's manifest: the package is not the one whose export finished.`,
    ]);

    await reopen();
    expect(d.leftovers()).toEqual([]);
    expect(await problemsFor(requestId)).toEqual([]);
    expect(await entries('release.exportAbandoned', requestId)).toHaveLength(1);
    expect(await disclosed(requestId)).toEqual([]);
  });

  it('after the export was recorded, drive then unplugged: the disclosure stands and the owner is told; Verify refuses the unfinished folder until the next start puts it in place', async () => {
    const requestId = await approvedRelease();
    const d = drive();
    await crashAt('committed', requestId, d.path, d.unplug);
    const logged = await disclosed(requestId);
    expect(logged).toHaveLength(1);
    expect(await status(requestId)).toBe('exported');
    expect(await entries('release.exportAbandoned', requestId)).toEqual([]);
    const [exported] = await entries('release.export', requestId);
    const packageName = String(exported?.packageName);
    const problems = await problemsFor(requestId);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(join(d.path, packageName));
    expect(problems[0]?.message).toContain('cannot be reached');

    d.plugIn();
    const [temp] = d.leftovers();
    const leftover = join(d.path, temp ?? '');
    expect(verifyFolder(leftover).problems).toEqual([UNFINISHED_NAME]);
    expect(cli(leftover).status).toBe(1);
    p.folder.next = leftover;
    // The log knows this manifest, but the package was never put in place: not verified.
    expect(await p.ok('releases.verifyPackage', {}, W.owner)).toMatchObject({
      ok: false,
      inDisclosureLog: true,
    });

    await reopen();
    expect(readdirSync(d.path)).toEqual([packageName]);
    const dir = join(d.path, packageName);
    expect(readdirSync(dir)).toContain(COMPLETE_MARKER);
    expect(verifyFolder(dir)).toMatchObject({ ok: true, problems: [] });
    expect(cli(dir).status).toBe(0);
    p.folder.next = dir;
    expect(await p.ok('releases.verifyPackage', {}, W.owner)).toMatchObject({
      ok: true,
      inDisclosureLog: true,
    });
    expect(await problemsFor(requestId)).toEqual([]);
    expect(await disclosed(requestId)).toHaveLength(1);
  });
});

describe.skipIf(!hasService)('a drive removed while the package is being written (no crash)', () => {
  it('the export fails with nothing disclosed, and the folder it may have left is named for the owner', async () => {
    const requestId = await approvedRelease();
    const d = drive();
    atExportStage = (stage) => {
      if (stage === 'writing') d.unplug();
    };
    try {
      p.folder.next = d.path;
      const error = await p.fail('releases.export', { requestId }, W.owner);
      expect(error.message).toContain('Nothing was exported');
    } finally {
      atExportStage = undefined;
    }
    const abandoned = await entries('release.exportAbandoned', requestId);
    expect(abandoned).toEqual([expect.objectContaining({ reason: 'failed', outcome: 'left-on-disk' })]);
    expect((await problemsFor(requestId))[0]?.message).toContain(String(abandoned[0]?.folder));
    expect(await disclosed(requestId)).toEqual([]);

    d.plugIn();
    await reopen();
    expect(d.leftovers()).toEqual([]);
    expect(await problemsFor(requestId)).toEqual([]);
  });
});
