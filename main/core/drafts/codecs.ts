// A saved form draft holds whatever the form held: any JSON value, parsed as one (STYLE.md rule
// 17). A row edited on disk into something that is not JSON is refused (DATABASE_DAMAGED).
import { JsonValue, parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const parseDraftData = (text: string): JsonValue =>
  parseStored(
    JsonValue,
    text,
    () => new UnreadableRecord({ type: 'draft', id: null }, unreadableMessage('draft')),
  );
