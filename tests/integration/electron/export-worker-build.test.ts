// The packaged app's export worker: the bundle beside main.js (not the TypeScript source the tests
// use) renders a package, so an export in the installed app does not fail on a missing file, and it
// sets names in the fonts the build copied beside it (the app has no devDependencies).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import type { PackageJob, PackageResult } from '../../../main/core/releases/package-files.ts';
import { verifyFolder } from '../../../main/core/releases/verify.ts';
import { pdfText } from '../../helpers/releases.ts';
import { distElectron, ensureShellBuilt, root } from './shell-build.ts';

const dir = mkdtempSync(join(tmpdir(), 'stillwater-worker-'));
beforeAll(() => {
  ensureShellBuilt();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function runWorker(file: string, job: PackageJob): Promise<{ ok: boolean; result?: PackageResult }> {
  const worker = new Worker(pathToFileURL(file));
  try {
    return await new Promise<{ ok: boolean; result?: PackageResult }>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
      worker.postMessage(job);
    });
  } finally {
    await worker.terminate();
  }
}

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
  const message = await runWorker(join(distElectron, 'package-worker.js'), job);
  expect(message.ok).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'records.fhir.json', 'records.pdf']);
  // What the worker wrote, before the export is recorded (main adds the completion marker after that).
  expect(verifyFolder(dir, { beforeCommit: true })).toMatchObject({
    ok: true,
    manifestSha256: message.result?.manifestSha256,
  });
  expect(pdfText(join(dir, 'records.pdf'))).toContain('Larkspurline');
});

it('the build copies the seven fonts and their OFL licences beside the worker, and nothing else', () => {
  expect(readdirSync(join(distElectron, 'fonts')).sort()).toEqual([
    'NotoSans-Bold.ttf',
    'NotoSans-Italic.ttf',
    'NotoSans-OFL.txt',
    'NotoSans-Regular.ttf',
    'NotoSansArabic-Bold.ttf',
    'NotoSansArabic-OFL.txt',
    'NotoSansArabic-Regular.ttf',
    'NotoSansSC-Bold.ttf',
    'NotoSansSC-OFL.txt',
    'NotoSansSC-Regular.ttf',
  ]);
});

it('the bundled worker sets non-Latin names in the fonts beside it, not from node_modules', async () => {
  // A copy of dist/electron whose node_modules holds every package but the fonts (devDependencies, which
  // the packaged app does not have): the worker can find them only in fonts/ beside it.
  const app = mkdtempSync(join(tmpdir(), 'stillwater-app-'));
  try {
    cpSync(distElectron, join(app, 'electron'), { recursive: true });
    mkdirSync(join(app, 'node_modules'));
    for (const entry of readdirSync(join(root, 'node_modules'))) {
      if (entry !== '@expo-google-fonts')
        symlinkSync(join(root, 'node_modules', entry), join(app, 'node_modules', entry));
    }
    const names = ['Łucja Żółkiewska', 'Nguyễn Thị Ánh', '王小明', 'فاطمة الزهراء'];
    const document: PackageDocument = {
      title: 'Release of records',
      clientIdentifier: `Chart C-000125 · ${names.join(' · ')}`,
      cover: [{ label: 'Client', value: names.join(', ') }],
      sections: [
        {
          heading: 'Progress note',
          subheading: '2026-01-12',
          part2: false,
          blocks: names.map((name) => ({ label: name, text: `Synthetic: ${name} attended.` })),
        },
      ],
      notices: [],
    };
    const job = (folder: string): PackageJob => ({
      dir: folder,
      content: { kind: 'document', fhir: null, document },
      practiceName: 'Lantern Hill Counseling (Synthetic)',
      pdfName: 'records.pdf',
      createdAt: '2026-03-02T15:00:00.000Z',
    });
    const out = join(app, 'out');
    mkdirSync(out);
    const worker = join(app, 'electron', 'package-worker.js');
    expect((await runWorker(worker, job(out))).ok).toBe(true);
    const pdf = join(out, 'records.pdf');
    // pdftotext marks right-to-left stretches with U+202A..U+202C, which are not part of the text.
    const text = pdfText(pdf).replace(/[\u202a-\u202e]/g, '');
    for (const name of names) expect(text).toContain(name);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    for (const face of [
      'NotoSans-Regular',
      'NotoSans-Bold',
      'NotoSansArabic-Regular',
      'NotoSansSC-Regular',
    ]) {
      expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${face} +CID TrueType +Identity-H +yes +yes +yes`));
    }
    expect(fonts).not.toContain('Helvetica');

    // Without the fonts beside it the same worker cannot render: it did not read them from elsewhere.
    rmSync(join(app, 'electron', 'fonts'), { recursive: true });
    const bare = join(app, 'bare');
    mkdirSync(bare);
    expect((await runWorker(worker, job(bare))).ok).toBe(false);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
