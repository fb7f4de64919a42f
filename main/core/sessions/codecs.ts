// The owner's inactivity settings as stored (settings table, key 'session'), read through zod
// (STYLE.md rule 17). A row that does not parse is refused (DATABASE_DAMAGED); the loader then
// keeps the defaults in force and records the refusal.
import { SessionSettings } from '../../../preload/contract/session.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const parseSessionSettings = (text: string): SessionSettings =>
  parseStored(
    SessionSettings,
    text,
    () =>
      new UnreadableRecord(
        { type: 'settings', id: 'session' },
        unreadableMessage('setting', 'The standard inactivity lock applies.'),
      ),
  );
