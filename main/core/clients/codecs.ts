// Stored JSON in intake and screening rows, read through zod (STYLE.md rule 17): the intake's
// risk screening and a screening's item scores. A row edited on disk into anything else is
// refused (DATABASE_DAMAGED), never read as a wrong type.
import { z } from 'zod';
import { IntakeRecord } from '../../../preload/contract/intake.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

const RiskStored = IntakeRecord.shape.risk;
export type RiskStored = z.infer<typeof RiskStored>;
const Items = z.array(z.number().int());

/** The intake's risk column (`clientId`, when known, is named in the audit entry). */
export const parseRisk = (text: string, clientId: string | null = null): RiskStored =>
  parseStored(
    RiskStored,
    text,
    () => new UnreadableRecord({ type: 'intake', id: clientId }, unreadableMessage('intake record')),
  );

/** A screening's item scores, in order. */
export const parseItems = (text: string, screeningId: string | null = null): number[] =>
  parseStored(
    Items,
    text,
    () => new UnreadableRecord({ type: 'screening', id: screeningId }, unreadableMessage('screening')),
  );
