// Stored JSON of the retention room, read through its schemas (STYLE.md rule 17): the practice's
// retention setting and the rule recorded on a tombstone.
import { z } from 'zod';
import { RetentionBasis, RetentionSettingsInput } from '../../../preload/contract/retention.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const parseRetentionSetting = (text: string) =>
  parseStored(
    RetentionSettingsInput,
    text,
    () =>
      new UnreadableRecord(
        { type: 'setting', id: 'retention' },
        unreadableMessage('retention setting', 'No chart can be destroyed until it is saved again.'),
      ),
  );

/** The rule a chart was destroyed under, kept on its tombstone. */
export const TombstoneRule = RetentionSettingsInput.extend({ basis: RetentionBasis, text: z.string() });
export type TombstoneRule = z.infer<typeof TombstoneRule>;

export const parseTombstoneRule = (text: string, clientId: string) =>
  parseStored(
    TombstoneRule,
    text,
    () => new UnreadableRecord({ type: 'tombstone', id: clientId }, unreadableMessage('tombstone')),
  );
