// Confidential communications (45 CFR 164.522(b)): the client's request to be reached at another
// address or phone, or without voicemail. Recorded by whoever may edit the chart's demographics,
// audited without its content, read with the chart, and honored on every letter (letter-address.ts).
import type { z } from 'zod';
import type { ClientConfidentialColumns, ClientRow } from '../../../db/schema.ts';
import {
  confidentialContactSummary,
  type ConfidentialCommunications,
  type SetConfidentialCommunicationsInput,
} from '../../../preload/contract/communications.ts';
import { chartAccess } from '../access/index.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { updateClient } from './queries.ts';

type Columns = Pick<ClientRow, keyof ClientConfidentialColumns>;

/** The request on file as the chart shows it, or null when the client asked for none. */
export function confidentialCommunicationsOf(c: Columns): ConfidentialCommunications | null {
  if (c.confidential_since === null) return null;
  return {
    address:
      c.confidential_address_line1 &&
      c.confidential_city &&
      c.confidential_region &&
      c.confidential_postal_code
        ? {
            line1: c.confidential_address_line1,
            line2: c.confidential_address_line2,
            city: c.confidential_city,
            region: c.confidential_region,
            postalCode: c.confidential_postal_code,
          }
        : null,
    phone: c.confidential_phone,
    noVoicemail: c.confidential_no_voicemail === 1,
    note: c.confidential_note,
    since: c.confidential_since,
  };
}

/** The words for a list row ("use the alternative address; no voicemail"), or null. */
export function confidentialContactOf(c: Columns): string | null {
  const on = confidentialCommunicationsOf(c);
  return on ? confidentialContactSummary(on) : null;
}

type Input = z.output<typeof SetConfidentialCommunicationsInput>;

function columnsOf(input: Input['communications'], since: string): Columns {
  const a = input?.address;
  return {
    confidential_address_line1: a?.line1 ?? null,
    confidential_address_line2: a?.line2 ?? null,
    confidential_city: a?.city ?? null,
    confidential_region: a?.region ?? null,
    confidential_postal_code: a?.postalCode ?? null,
    confidential_phone: input?.phone ?? null,
    confidential_no_voicemail: input?.noVoicemail ? 1 : 0,
    confidential_note: input?.note ?? null,
    confidential_since: input ? since : null,
  };
}

/**
 * Records, changes or ends the request. Who may: whoever may edit this chart's demographics
 * (chartAccess.editDemographics, the rule clients.update follows). The audit entry names the
 * fields that changed, never their content.
 */
export async function setConfidentialCommunications(
  ctx: CoreContext,
  session: Session,
  input: Input,
): Promise<void> {
  const access = await chartAccess(readDb(ctx), session, input.clientId);
  if (!access.editDemographics) throw new AppError('FORBIDDEN', 'Your role cannot edit this client.');
  const before = access.client;
  if (input.communications === null && before.confidential_since === null) {
    throw new AppError('CONFLICT', 'This client has no confidential communications on file.');
  }
  const now = nowIso(ctx);
  const next = columnsOf(input.communications, before.confidential_since ?? now);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
    (k) => k !== 'confidential_since' && next[k] !== before[k],
  );
  if (changed.length === 0 && (input.communications === null) === (before.confidential_since === null))
    return;
  await inTransaction(ctx, async (trx) => {
    await updateClient(trx, input.clientId, { ...next, updated_at: now });
    await ctx.audit.append(trx, actorOf(session), {
      action: 'client.communicationsUpdate',
      targetType: 'client',
      targetId: input.clientId,
      detail: {
        onFile: input.communications !== null,
        fields: changed.map((k) => k.replace('confidential_', '')),
      },
    });
  });
}
