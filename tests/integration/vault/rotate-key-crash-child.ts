// A child process for the rotation crash test: opens the practice the test built (same folder,
// same keychain service), signs the owner in and rotates the data key, killing itself with SIGKILL
// at the stage it was given, as a power cut would end the app there. It never exits on its own.
import { createCore } from '../../../main/core/index.ts';
import type { RotateStage } from '../../../main/core/vault/index.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';

interface CrashJob {
  dataDir: string;
  keychainService: string;
  username: string;
  password: string;
  stage: RotateStage;
  recoveryKey: string | null;
}

const job = JSON.parse(process.env.STILLWATER_CRASH_JOB ?? '{}') as CrashJob;
const origin = 'app://stillwater';
const core = createCore({
  dataDir: job.dataDir,
  keychain: keytarKeychain(job.keychainService),
  allowedOrigins: [origin],
  testSeams: {
    onRotateStage: (stage) => {
      if (stage === job.stage) process.kill(process.pid, 'SIGKILL');
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
const result = await call(
  'vault.rotateDataKey',
  job.recoveryKey === null
    ? { newRecoveryKey: true }
    : { newRecoveryKey: false, recoveryKey: job.recoveryKey },
);
process.stderr.write(
  `rotation returned without the crash: ${JSON.stringify(result.ok ? true : result.error)}\n`,
);
process.exit(3);
