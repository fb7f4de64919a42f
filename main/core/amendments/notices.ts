// Whom to tell of an accepted amendment (45 CFR 164.526(c)(3)): the people the client named and
// everyone the disclosure log shows received the records it concerns, proposed; the list the client
// agrees to, recorded once. The notices themselves are letters (letter-service.ts).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  AgreeNoticesInput,
  AmendmentView,
  ProposedNotice,
} from '../../../preload/contract/amendments.ts';
import { actorOf, inTransaction, nowIso } from '../context.ts';
import { AppError } from '../errors.ts';
import { recipientsOfRecords } from '../releases/index.ts';
import type { Session } from '../sessions/index.ts';
import { parseNamed } from './codecs.ts';
import { insertNotices, recordsOf, updateRequest } from './queries.ts';
import type { AmendmentsService } from './service.ts';

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', message, { fields: [{ path, message }] });

/**
 * 164.526(c)(3): whom to tell of an accepted amendment: the people the client named, and everyone
 * the disclosure log shows received the records it concerns (the client's own copies aside).
 */
export async function proposeNotices(
  service: AmendmentsService,
  session: Session,
  requestId: string,
): Promise<ProposedNotice[]> {
  const { r, access } = await service.decision(session, requestId);
  if (r.status !== 'accepted')
    throw new AppError('CONFLICT', 'Only an accepted amendment is sent to others.');
  const clientName = `${access.client.legal_first_name} ${access.client.legal_last_name}`;
  const records = await recordsOf(service.db, [r.id]);
  const received = await recipientsOfRecords(
    service.db,
    r.client_id,
    records.map((x) => ({ itemKind: x.item_kind, recordId: x.record_id })),
  );
  const out: ProposedNotice[] = parseNamed(r.id, r.notify_named).map((n) => ({
    name: n.name,
    address: n.address,
    source: 'client',
    disclosureId: null,
    disclosedOn: null,
  }));
  const seen = new Set(out.map((o) => `${o.name.toLowerCase()}\u0000${(o.address ?? '').toLowerCase()}`));
  for (const d of received) {
    // A copy the client received themselves is not someone else to tell.
    if (d.basis === 'access' && d.recipientName === clientName) continue;
    const k = `${d.recipientName.toLowerCase()}\u0000${(d.recipientAddress ?? '').toLowerCase()}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({
      name: d.recipientName,
      address: d.recipientAddress,
      source: 'disclosure_log',
      disclosureId: d.disclosureId,
      disclosedOn: d.disclosedOn,
    });
  }
  await service.auditRead(session, r.client_id, 'notices', out.length);
  return out;
}

/** 164.526(c)(3)(i): the list the client agreed to, recorded once; the notices are written from it. */
export async function agreeNotices(
  service: AmendmentsService,
  session: Session,
  input: z.output<typeof AgreeNoticesInput>,
): Promise<AmendmentView> {
  const { r, access } = await service.decision(session, input.requestId);
  if (r.status !== 'accepted')
    throw new AppError('CONFLICT', 'Only an accepted amendment is sent to others.');
  if (r.notify_agreed_on !== null)
    throw new AppError(
      'CONFLICT',
      `The client agreed to the list on ${r.notify_agreed_on}; it is recorded once.`,
    );
  if (input.agreedOn < (r.decided_on ?? r.received_on) || input.agreedOn > service.today())
    throw invalid('agreedOn', `The client agrees between the decision (${r.decided_on ?? ''}) and today.`);
  const now = nowIso(service.ctx);
  await inTransaction(service.ctx, async (trx) => {
    await insertNotices(
      trx,
      input.recipients.map((p, position) => ({
        id: randomUUID(),
        request_id: r.id,
        position,
        recipient_name: p.name,
        recipient_address: p.address ?? null,
        source: p.source,
        disclosure_id: p.disclosureId,
        recorded_by: session.userId,
        recorded_at: now,
      })),
    );
    await updateRequest(trx, r.id, { notify_agreed_on: input.agreedOn, updated_at: now });
    await service.ctx.audit.append(trx, actorOf(session), {
      action: 'amendment.notifyAgreed',
      targetType: 'client',
      targetId: r.client_id,
      detail: { requestId: r.id, recipients: input.recipients.length, agreedOn: input.agreedOn },
    });
  });
  return service.view(session, access, r.id);
}
