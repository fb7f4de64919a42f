// The export worker thread: renders the PDF and writes the package off the main event loop, so
// no IPC call waits behind an export. It stays up between exports and takes one job at a time.
import { parentPort } from 'node:worker_threads';
import { writePackageFiles, type PackageJob } from './package-files.ts';

parentPort?.on('message', (job: PackageJob) => {
  writePackageFiles(job).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.name : 'error' }),
  );
});
