// A child process for the crash tests: opens the practice a test built (same folder, same keychain
// service), signs in, and exports a release, killing itself with SIGKILL at the stage it was given,
// as a power cut or a crash would end the app there. It must never exit on its own.
import { createCore } from '../../../main/core/index.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';

interface CrashJob {
  dataDir: string;
  keychainService: string;
  username: string;
  password: string;
  requestId: string;
  destDir: string;
  stage: 'files-written' | 'committed';
}

const job = JSON.parse(process.env.STILLWATER_CRASH_JOB ?? '{}') as CrashJob;
const origin = 'app://stillwater';
const core = createCore({
  dataDir: job.dataDir,
  keychain: keytarKeychain(job.keychainService),
  allowedOrigins: [origin],
  pickFolder: () => Promise.resolve(job.destDir),
});
const call = (channel: string, input: unknown) =>
  core.router.handle({ windowId: 'crash', origin }, channel, input);
const signedIn = await call('auth.signIn', { username: job.username, password: job.password });
if (!signedIn.ok) {
  process.stderr.write(`sign-in failed: ${signedIn.error.code}\n`);
  process.exit(2);
}
core.services.releases.onExportStage = (stage) => {
  if (stage === job.stage) process.kill(process.pid, 'SIGKILL');
};
const result = await call('releases.export', { requestId: job.requestId });
process.stderr.write(`export returned without the crash: ${JSON.stringify(result.ok)}\n`);
process.exit(3);
