// Stored JSON is read through a zod codec in the domain that owns it (STYLE.md rule 17), never
// cast: a row written by another version or edited on disk is refused with DATABASE_DAMAGED and a
// message that names the kind of record (never its content), instead of becoming a wrong type.
// The router records every such refusal in the audit log ('record.unreadable'), in a transaction
// of its own, after the failed call's work is undone.
import { z } from 'zod';
import { AppError } from './errors.ts';

/** Which stored record could not be read: its kind, and its id when the reader knows it. */
export interface StoredRecord {
  readonly type: string;
  readonly id: string | null;
}

/** A stored row that does not parse. An AppError (DATABASE_DAMAGED) that says which record. */
export class UnreadableRecord extends AppError {
  readonly record: StoredRecord;
  constructor(record: StoredRecord, message: string) {
    super('DATABASE_DAMAGED', message);
    this.name = 'UnreadableRecord';
    this.record = record;
  }
}

/** "A stored note could not be read: …" — what a person is told, naming the kind of record only. */
export const unreadableMessage = (what: string, consequence = 'Nothing was changed.'): string =>
  `A stored ${what} could not be read: it was changed outside Stillwater or written by another version. ${consequence} Tell the practice owner.`;

/** Any JSON value (a saved form draft keeps whatever the form held). */
export const JsonValue = z.json();
export type JsonValue = z.infer<typeof JsonValue>;

/**
 * Parses a stored JSON column with its schema. `upgrade` turns a row written by an older version
 * into today's shape, explicitly; anything else that does not parse is refused.
 */
export function parseStored<T>(
  schema: z.ZodType<T>,
  text: string,
  damaged: () => UnreadableRecord,
  upgrade: (raw: unknown) => unknown = (raw) => raw,
): T {
  let raw: unknown;
  try {
    raw = upgrade(JSON.parse(text));
  } catch {
    throw damaged();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw damaged();
  return parsed.data;
}
