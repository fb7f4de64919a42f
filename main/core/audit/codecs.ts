// Stored JSON in audit rows, read through zod (STYLE.md rule 17). An entry's detail is hashed as
// it parses; one that does not parse cannot be refused like other rows (the chain must still be
// walked), so it is hashed as its text, which no entry's detail ever is (details are objects): its
// hash cannot match, and the walk reports the entry as edited.
import { z } from 'zod';
import type { Json } from '../canonical-json.ts';
import { JsonValue } from '../stored-json.ts';

const NOT_JSON = Symbol('not JSON');

function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** An entry's detail as its hash covers it. */
export function detailForHash(text: string): Json {
  const parsed = JsonValue.safeParse(parsedOr(text));
  return parsed.success ? parsed.data : text;
}

const Acknowledgement = z.looseObject({ acceptedSeq: z.number().int() });

/** The sequence number an acknowledgement's detail accepts; none when it names none or does not parse. */
export function acceptedSeqOf(detail: string): number | null {
  const parsed = Acknowledgement.safeParse(parsedOr(detail));
  return parsed.success ? parsed.data.acceptedSeq : null;
}
