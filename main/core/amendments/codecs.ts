// Stored JSON of an amendment request, parsed through a codec (STYLE.md rule 17): the people the
// client named at the request to be told of an accepted amendment.
import { z } from 'zod';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

const StoredNamed = z.array(z.strictObject({ name: z.string(), address: z.string().nullable() }));
export type NamedPerson = z.infer<typeof StoredNamed>[number];

export const parseNamed = (requestId: string, text: string): NamedPerson[] =>
  parseStored(
    StoredNamed,
    text,
    () =>
      new UnreadableRecord(
        { type: 'amendment', id: requestId },
        unreadableMessage('amendment request', 'Nothing was changed.'),
      ),
  );
