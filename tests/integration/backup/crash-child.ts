// A child process for the backup crash tests: opens the practice a test built (same folder, same
// keychain service), signs in as the owner, presses "Back up now", and kills itself with SIGKILL
// at the stage it was given, as a power cut would end the app there. It must never exit on its
// own. Its clock stands at the time it is given, so the backup's name and date are the test's.
import { createCore } from '../../../main/core/index.ts';
import type { RunStage } from '../../../main/core/backup/runner.ts';
import { systemClock } from '../../../main/core/clock.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';

interface CrashJob {
  dataDir: string;
  keychainService: string;
  username: string;
  password: string;
  stage: RunStage;
  now: number;
}

const job = JSON.parse(process.env.STILLWATER_BACKUP_CRASH_JOB ?? '{}') as CrashJob;
const origin = 'app://stillwater';
const die = (): void => {
  process.kill(process.pid, 'SIGKILL');
};
const core = createCore({
  dataDir: job.dataDir,
  keychain: keytarKeychain(job.keychainService),
  clock: { now: () => job.now, setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms) },
  allowedOrigins: [origin],
  testSeams: {
    onBackupStage: (stage) => {
      if (stage !== job.stage) return;
      // While copying: a moment into the worker's copy, not before it starts.
      if (stage === 'copying') setTimeout(die, 5);
      else die();
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
const result = await call('backup.runNow', {});
process.stderr.write(`backup returned without the crash: ${JSON.stringify(result.ok)}\n`);
process.exit(3);
