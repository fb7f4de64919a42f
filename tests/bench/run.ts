// npm run bench: builds a synthetic practice (10,000 clients, 20 notes each by default) and
// measures, through the core API (router: validation, permission checks, SQL, audit entry,
// output validation), client search, chart open, note saves, the timeline and note search (each
// also on an unencrypted copy of the same database in the same run, alternating, so the
// encryption overhead is a ratio), and release exports of 30, 300 and 3,000 notes with the IPC wait
// during them (release-bench.ts), and a backup and restore of the whole practice with the longest
// IPC wait during the backup (backup-bench.ts). Writes bench-results/bench.json and prints a table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../main/core/index.ts';
import { DEMO_PASSWORD, SEED_ORIGIN, seedPractice } from '../../main/core/demo/seed.ts';
import { testKeychain } from '../helpers/keychain.ts';
import { benchClients, typeAheadQueries } from './clients-bench.ts';
import { call } from './common.ts';
import { benchNotes, fillTimeline, noteQueries } from './notes-bench.ts';
import { plainCopy } from './plain-vault.ts';
import { benchBackup } from './backup-bench.ts';
import { benchReleases } from './release-bench.ts';
import { table } from './stats.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const NOTES_PER_CLIENT = Number(process.env.BENCH_NOTES_PER_CLIENT ?? 20);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
const OPENS = Number(process.env.BENCH_OPENS ?? 1_000);
const SAVES = Number(process.env.BENCH_SAVES ?? 1_000);
const W = { desk: 'bench-desk', clinician: 'bench-clinician', owner: 'bench-owner' };

const root = mkdtempSync(join(tmpdir(), 'stillwater-bench-'));
const log = (line: string) => {
  process.stdout.write(`${line}\n`);
};
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function sample(core: Core, sql: string, n: number): string[] {
  return (core.ctx.vault.db.sqlite.prepare(sql).all(n) as { id: string }[]).map((r) => r.id);
}

try {
  const keychain = await testKeychain();
  const encDir = join(root, 'encrypted');
  const exportDir = join(root, 'exports');
  mkdirSync(exportDir);
  /** What the backup folder picker answers (backup-bench.ts chooses its folder through it). */
  const backupPick = { next: null as string | null };
  const enc = createCore({
    dataDir: encDir,
    keychain,
    allowedOrigins: [SEED_ORIGIN],
    pickFolder: () => Promise.resolve(exportDir),
    pickPath: () => Promise.resolve(backupPick.next),
  });
  let t = performance.now();
  log(`Building a practice of ${String(CLIENTS)} clients × ${String(NOTES_PER_CLIENT)} notes in ${root} …`);
  const seeded = await seedPractice(enc, {
    clients: CLIENTS,
    intakeShare: 0.05,
    notesPerClient: NOTES_PER_CLIENT,
    onProgress: (done, total) => {
      process.stdout.write(`  ${String(done)}/${String(total)}   \r`);
    },
  });
  const seedTime = elapsed(t);
  log(`\nSeeded in ${seedTime}`);

  for (const [window, username] of [
    [W.desk, 'demo.desk1'],
    [W.clinician, 'demo.clinician1'],
    [W.owner, 'demo.owner'],
  ] as const) {
    await call(enc, window, 'auth.signIn', { username, password: DEMO_PASSWORD });
  }
  const clinicianId = enc.ctx.sessions.get(W.clinician)?.userId ?? '';
  const [timelineClient = '', editingClient = ''] = sample(
    enc,
    `SELECT id FROM clients WHERE primary_clinician_id = '${clinicianId}' ORDER BY random() LIMIT ?`,
    2,
  );
  t = performance.now();
  await fillTimeline(enc, W.clinician, timelineClient);
  log(`Timeline client filled in ${elapsed(t)}`);
  const clientQueries = typeAheadQueries(enc, QUERIES);
  const ids = sample(enc, 'SELECT id FROM clients ORDER BY random() LIMIT ?', OPENS);

  // The unencrypted copy is taken from the checkpointed file while the encrypted core stays open.
  enc.ctx.vault.db.checkpoint('TRUNCATE');
  const dataKey = enc.ctx.vault.copyDataKey();
  const plain = plainCopy(encDir, join(root, 'plain'), dataKey, SEED_ORIGIN);
  dataKey.fill(0);
  for (const window of Object.values(W)) {
    const s = enc.ctx.sessions.get(window);
    if (!s) throw new Error('bench session missing');
    plain.ctx.sessions.start({ ...s });
  }
  const pair = { enc, plain };

  t = performance.now();
  const rows = [
    ...(await benchClients(pair, W.desk, clientQueries, ids)),
    ...(await benchNotes(
      pair,
      { clinician: W.clinician, owner: W.owner },
      { timeline: timelineClient, editing: editingClient },
      noteQueries(Math.min(QUERIES, 1000)),
      SAVES,
    )),
  ];
  rows.push(...(await benchReleases(enc, W, clinicianId, exportDir, log)));
  const backup = await benchBackup({
    core: enc,
    ownerWindow: W.owner,
    clinicianWindow: W.clinician,
    workDir: join(root, 'backup'),
    backupPick,
    recoveryKey: seeded.recoveryKey,
    ownerLogin: 'demo.owner',
    keychain,
  });
  rows.push(...backup.rows);
  log(`Measured in ${elapsed(t)}\n`);
  await enc.shutdown();
  plain.ctx.vault.db.close();

  log(table(rows));
  mkdirSync('bench-results', { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    clients: CLIENTS,
    notes: CLIENTS * NOTES_PER_CLIENT,
    seedTime,
    backup: {
      seconds: backup.backupSeconds,
      bytes: backup.backupBytes,
      restoreSeconds: backup.restoreSeconds,
      longestStallMs: backup.longestStallMs,
    },
    results: rows,
  };
  writeFileSync('bench-results/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  log('\nbench-results/bench.json written');
  if (rows.some((r) => !r.pass)) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
