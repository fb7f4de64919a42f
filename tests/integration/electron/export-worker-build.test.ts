// The packaged app's export worker: the bundle beside main.js (not the TypeScript source the tests
// use) renders a package, so an export in the installed app does not fail on a missing file.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PackageJob, PackageResult } from '../../../main/core/releases/package-files.ts';
import { verifyFolder } from '../../../main/core/releases/verify.ts';
import { pdfText } from '../../helpers/releases.ts';
import { distElectron, ensureShellBuilt } from './shell-build.ts';

const dir = mkdtempSync(join(tmpdir(), 'stillwater-worker-'));
beforeAll(() => {
  ensureShellBuilt();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('dist/electron/package-worker.js writes a verifiable package', async () => {
  const job: PackageJob = {
    dir,
    content: {
      kind: 'document',
      fhir: '{"resourceType":"Bundle","type":"collection","entry":[]}',
      document: {
        title: 'Release of records',
        clientIdentifier: 'Chart C-000123',
        cover: [{ label: 'Recipient', value: 'Sample Family Medicine (synthetic)' }],
        sections: [
          {
            heading: 'Progress note',
            subheading: '2026-01-12',
            part2: false,
            blocks: [{ label: 'Data', text: 'Synthetic: the client spoke of Larkspurline.' }],
          },
        ],
        notices: [],
      },
    },
    practiceName: 'Lantern Hill Counseling (Synthetic)',
    pdfName: 'records.pdf',
    createdAt: '2026-03-02T15:00:00.000Z',
  };
  const worker = new Worker(pathToFileURL(join(distElectron, 'package-worker.js')));
  const message = await new Promise<{ ok: boolean; result?: PackageResult }>((done, fail) => {
    worker.once('message', done);
    worker.once('error', fail);
    worker.postMessage(job);
  });
  await worker.terminate();
  expect(message.ok).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'records.fhir.json', 'records.pdf']);
  expect(verifyFolder(dir)).toMatchObject({ ok: true, manifestSha256: message.result?.manifestSha256 });
  expect(pdfText(join(dir, 'records.pdf'))).toContain('Larkspurline');
});
