// The owner's backup settings as stored (settings table), read through zod (STYLE.md rule 17). A
// row that does not parse is refused (DATABASE_DAMAGED); the loader then keeps the defaults in
// force and records the refusal.
import { BackupSettings } from '../../../preload/contract/backup.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const parseBackupSettings = (text: string): BackupSettings =>
  parseStored(
    BackupSettings,
    text,
    () =>
      new UnreadableRecord(
        { type: 'settings', id: 'backup' },
        unreadableMessage('setting', 'Backups need to be set up again.'),
      ),
  );
