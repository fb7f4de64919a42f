// npm run verify-backup -- <backup folder or a file in it>: checks a backup with the recovery key
// (STILLWATER_RECOVERY_KEY or a prompt) and prints what it holds. Opens everything read-only and
// writes nothing. Exit code 0: verified; 1: a problem (printed in plain words); 2: usage.
import { createInterface } from 'node:readline/promises';
import { BackupProblem, dataKeyFromRecovery, readManifest, verifyBackup } from '../main/core/backup/index.ts';

async function recoveryKey(): Promise<string> {
  const fromEnv = process.env.STILLWATER_RECOVERY_KEY;
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question('Recovery key: ');
  } finally {
    rl.close();
  }
}

const path = process.argv[2];
if (!path) {
  process.stderr.write('Usage: npm run verify-backup -- <backup folder or its manifest.json>\n');
  process.exit(2);
}
try {
  const { body } = readManifest(path);
  const key = dataKeyFromRecovery(body, await recoveryKey());
  const v = verifyBackup(path, key);
  key.fill(0);
  const lines = [
    'Backup verified.',
    `  made:            ${body.createdAt}`,
    `  schema version:  ${String(v.schemaVersion)}`,
    `  size:            ${(v.sizeBytes / 1024 / 1024).toFixed(1)} MiB`,
    `  integrity check: ok`,
    `  audit chain:     verified, ${String(v.auditHead.count)} entries (head ${v.auditHead.hash.slice(0, 16)}…)`,
    '  records:',
    ...Object.entries(v.counts)
      .filter(([t]) => !t.includes('_fts_'))
      .map(([t, n]) => `    ${t.padEnd(24)} ${String(n)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (error instanceof BackupProblem) {
    process.stderr.write(`Not verified: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Not verified: unexpected error (${error instanceof Error ? error.name : 'unknown'}).\n`,
  );
  process.exit(1);
}
