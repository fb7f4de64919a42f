// What someone holding the practice's recovery key could do while Stillwater is closed: open the
// database outside the app and cut the newest entries off the audit log. Run by the e2e alarm test
// in its own Node process: node tests/e2e/harness/tamper-audit.ts <dataDir> <recoveryKey> <count>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openKeyed } from '../../../db/connection.ts';
import { slotKey, unwrapKey } from '../../../main/core/vault/crypto.ts';
import { KeyringData } from '../../../main/core/vault/keyring-file.ts';
import { parseRecoveryKey } from '../../../main/core/vault/recovery-key.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';

const [dataDir, recoveryKey, countText] = process.argv.slice(2);
if (!dataDir || !recoveryKey || !countText)
  throw new Error('usage: tamper-audit.ts <dataDir> <recoveryKey> <count>');
const keyring = KeyringData.parse(JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8')));
const parsed = parseRecoveryKey(recoveryKey);
if (!parsed.ok) throw new Error('not a recovery key');
const kek = slotKey(parsed.bytes, Buffer.from(keyring.recovery.salt, 'base64'), 'recovery');
const dataKey = unwrapKey(kek, keyring.recovery.wrapped, `recovery:${keyring.practiceId}`);
if (!dataKey) throw new Error('the recovery key does not open this practice');
const sqlite = openKeyed(join(dataDir, DATABASE_FILE), dataKey);
try {
  for (const { name } of sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    .all() as { name: string }[])
    sqlite.exec(`DROP TRIGGER ${name}`);
  const { last } = sqlite.prepare('SELECT max(seq) AS last FROM audit_log').get() as { last: number };
  const removed = sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - Number(countText)).changes;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`Removed ${String(removed)} entries after ${String(last - Number(countText))}`);
} finally {
  sqlite.close();
  dataKey.fill(0);
}
