// The export worker thread: composes the release from its own read-only connection, renders the
// PDF, writes the package and verifies it from disk, all off the main event loop, so no IPC call
// waits behind an export. It stays up between exports and takes one job at a time.
import { parentPort } from 'node:worker_threads';
import { writePackageFiles, type PackageJob } from './package-files.ts';
import { verifyFolder } from './verify.ts';

const fail = (error: unknown) =>
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.name : 'error' });

parentPort?.on('message', (job: PackageJob) => {
  writePackageFiles(job).then((result) => {
    if (result.tampered.length === 0 && result.changed.length === 0) {
      // Read back what is on disk: a package is renamed into place only once it verifies.
      const check = verifyFolder(job.dir, { beforeCommit: true });
      if (!check.ok || check.manifestSha256 !== result.manifestSha256) {
        fail(new Error('package failed verification'));
        return;
      }
    }
    parentPort?.postMessage({ ok: true, result });
  }, fail);
});
