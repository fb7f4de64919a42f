// A child process for the crash tests: opens the practice a test built (same folder, same keychain
// service), signs in, and exports a release, killing itself with SIGKILL at the stage it was given,
// as a power cut or a crash would end the app there. It must never exit on its own. At 'writing'
// (the temporary folder made, the worker about to write) it first leaves half a PDF there, as a
// process killed in the middle of writing would.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../../main/core/index.ts';
import { TEMP_PREFIX, type Stage } from '../../../main/core/releases/package-writer.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';

interface CrashJob {
  dataDir: string;
  keychainService: string;
  username: string;
  password: string;
  requestId: string;
  destDir: string;
  stage: Exclude<Stage, 'renamed'>;
}

const job = JSON.parse(process.env.STILLWATER_CRASH_JOB ?? '{}') as CrashJob;
const origin = 'app://stillwater';
const core = createCore({
  dataDir: job.dataDir,
  keychain: keytarKeychain(job.keychainService),
  allowedOrigins: [origin],
  pickFolder: () => Promise.resolve(job.destDir),
  testSeams: {
    onExportStage: (stage) => {
      if (stage !== job.stage) return;
      if (stage === 'writing') {
        const temp = readdirSync(job.destDir).find((n) => n.startsWith(TEMP_PREFIX));
        if (temp)
          writeFileSync(join(job.destDir, temp, 'records.pdf'), '%PDF-1.7\n% Synthetic: cut off mid-');
      }
      process.kill(process.pid, 'SIGKILL');
    },
  },
});
const call = (channel: string, input: unknown) =>
  core.router.handle({ windowId: 'crash', origin }, channel, input);
const signedIn = await call('auth.signIn', { username: job.username, password: job.password });
if (!signedIn.ok) {
  process.stderr.write(`sign-in failed: ${signedIn.error.code}\n`);
  process.exit(2);
}
const result = await call('releases.export', { requestId: job.requestId });
process.stderr.write(`export returned without the crash: ${JSON.stringify(result.ok)}\n`);
process.exit(3);
