// Child process for the kill -9 test: starts a backup and SIGKILLs itself at the stage named in
// argv (while the worker copies, or with the snapshot written but not yet renamed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBackup } from '../../../main/core/backup/writer.ts';
import { KeyringData } from '../../../main/core/vault/keyring-file.ts';

const [dataDir = '', folder = '', stage = ''] = process.argv.slice(2);
const key = Buffer.from(process.env.STILLWATER_TEST_KEY ?? '', 'hex');
const keyring = KeyringData.parse(JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8')));
const die = (): void => {
  process.kill(process.pid, 'SIGKILL');
};
await writeBackup({
  databaseFile: join(dataDir, 'stillwater.db'),
  dataKey: key,
  keyring,
  folder,
  now: Date.parse('2026-03-03T10:00:00.000Z'),
  onPhase: (phase) => {
    if (stage === 'copying' && phase === 'copying') setTimeout(die, 5);
  },
  onStage: (s) => {
    if (s === stage) die();
  },
});
process.stdout.write('finished without being killed\n');
