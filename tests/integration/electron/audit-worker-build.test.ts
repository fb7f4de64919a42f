// The packaged app's audit check worker: the bundle beside main.js (not the TypeScript source the
// tests use) walks a real practice's log, so the daily check in the installed app does not fail on
// a missing file, and it finds an edited entry there too.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { openKeyed } from '../../../db/connection.ts';
import type { VerifyMessage } from '../../../main/core/audit/verify-worker.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';
import { distElectron, ensureShellBuilt } from './shell-build.ts';

let practice: TestPractice | null = null;
beforeAll(() => {
  ensureShellBuilt();
});
afterEach(async () => {
  await practice?.close();
  practice = null;
});

async function runBundled(file: string, key: Buffer): Promise<VerifyMessage> {
  const worker = new Worker(pathToFileURL(join(distElectron, 'audit-verify-worker.js')), {
    workerData: { file, key: new Uint8Array(key), head: null },
  });
  try {
    return await new Promise<VerifyMessage>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
    });
  } finally {
    await worker.terminate();
  }
}

it('dist/electron/audit-verify-worker.js checks a real log, and finds an edited entry', async () => {
  practice = await makePractice();
  await practice.addStaff('clinician');
  const key = practice.core.ctx.vault.copyDataKey();
  await practice.ok('auth.signOut', {});
  const file = join(practice.dir, DATABASE_FILE);
  expect(await runBundled(file, key)).toMatchObject({ type: 'done', result: { ok: true, checked: 4 } });
  const sqlite = openKeyed(file, key);
  sqlite.exec(
    `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{"owner":"someone-else"}' WHERE seq = 1`,
  );
  sqlite.close();
  expect(await runBundled(file, key)).toMatchObject({
    type: 'done',
    result: { ok: false, problem: { kind: 'edited', seq: 1 } },
  });
  key.fill(0);
});
