// Authorizations and Part 2 consents: recording one (every element of 45 CFR 164.508(c) or
// 42 CFR 2.31, checked against the client, their representatives on file and the request it
// serves), marking the request authorized, and revocation (164.508(b)(5): effective once recorded,
// never dated before what already left under it).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FieldIssue } from '../../../preload/contract/common.ts';
import type { AuthorizationInput, ReleaseRecord } from '../../../preload/contract/releases.ts';
import { getClient, listGuardians } from '../clients/index.ts';
import { actorOf, inTransaction, nowIso } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { parseAuthorizationFields, parseDetails } from './codecs.ts';
import type { ReleaseDesk } from './desk.ts';
import { isClientName, notOnFileMessage, representativeOnFile } from './parties.ts';
import {
  getAuthorization,
  insertAuthorization,
  lastDisclosureOn,
  revokeAuthorization,
  updateRequest,
} from './queries.ts';
import { authorizationBlockers, partyMismatch, usableAuthorizations } from './rules.ts';

const invalid = (fields: FieldIssue[]): AppError =>
  new AppError('INVALID_INPUT', fields.map((f) => f.message).join(' '), { fields });

export class AuthorizationsRoom {
  private readonly desk: ReleaseDesk;
  constructor(desk: ReleaseDesk) {
    this.desk = desk;
  }

  async add(session: Session, input: z.output<typeof AuthorizationInput>): Promise<ReleaseRecord> {
    const { ctx, db } = this.desk;
    const r = await this.desk.load(session, input.requestId);
    this.desk.assertStatus(r, ['draft', 'authorized', 'approved'], 'given another authorization');
    const details = parseDetails(r.details);
    switch (details.kind) {
      case 'emergency':
        throw new AppError(
          'CONFLICT',
          'A disclosure without authorization stands on its documented reason, not on an authorization.',
        );
      case 'access':
        // 42 CFR 2.23: the client's own copy needs no consent; a directed copy's Part 2 records do.
        if (!details.directedTo || input.type !== 'part2')
          throw new AppError(
            'CONFLICT',
            details.directedTo
              ? 'A copy the client directs to someone needs only a Part 2 consent, for Part 2 records.'
              : 'A client’s own copy needs no authorization.',
          );
        break;
      case 'legal_order':
        // Under an order only psychotherapy notes still need the client's authorization (164.508(a)(2)).
        if (input.type !== 'psychotherapy_notes')
          throw new AppError(
            'CONFLICT',
            'Under a court order or subpoena only psychotherapy notes need the client’s authorization.',
          );
        break;
      case 'third_party':
        break;
    }
    const fields = input;
    const problems: FieldIssue[] = [];
    // LEGAL.md: general wording never covers psychotherapy notes; theirs names them (164.508(b)(3)(ii)).
    const namesPsychotherapy = /psychotherapy\s+notes?/i.test(fields.description);
    if (input.type === 'psychotherapy_notes' && !namesPsychotherapy)
      problems.push({
        path: 'description',
        message: 'Name the psychotherapy notes this authorization covers.',
      });
    if (input.type !== 'psychotherapy_notes' && namesPsychotherapy) {
      problems.push({
        path: 'description',
        message: 'Record psychotherapy notes on a separate psychotherapy-notes authorization.',
      });
    }
    // 164.508(c)(1)(iii)-(iv): it must reach this request's recipient, for this request's purpose.
    for (const m of partyMismatch(details, fields)) {
      problems.push({
        path: m.field,
        message:
          m.field === 'recipientName'
            ? `The authorization names “${m.named}”; this request sends to “${m.requested}”. Record the request for the recipient the client named.`
            : `The authorization states the purpose “${m.named}”; this request’s purpose is “${m.requested}”.`,
      });
    }
    // 164.508(c)(1)(vi): signed by the client, or by a representative on file with their authority.
    const client = await getClient(db, r.client_id);
    if (!client) throw new AppError('NOT_FOUND', 'That client record does not exist.');
    if (fields.signerIsRepresentative) {
      const guardians = await listGuardians(db, client.id);
      if (!representativeOnFile(client, guardians, fields.signedBy, fields.signedOn))
        problems.push({ path: 'signedBy', message: notOnFileMessage(fields.signedBy) });
    } else if (!isClientName(client, fields.signedBy)) {
      problems.push({
        path: 'signedBy',
        message: `${fields.signedBy} is not the client (${client.legal_first_name} ${client.legal_last_name}). If a parent, guardian or other representative signed, say so and record their authority.`,
      });
    }
    // 42 CFR 2.31(a)(1): a Part 2 consent names this patient.
    if (input.type === 'part2' && fields.patientName && !isClientName(client, fields.patientName)) {
      problems.push({
        path: 'patientName',
        message: `The consent names ${fields.patientName}; this client is ${client.legal_first_name} ${client.legal_last_name}.`,
      });
    }
    if (problems.length > 0) throw invalid(problems);
    const { requestId: _r, type, attachment, ...stored } = input;
    const id = randomUUID();
    await inTransaction(ctx, async (trx) => {
      await insertAuthorization(trx, {
        id,
        request_id: r.id,
        type,
        fields: JSON.stringify(stored),
        expires_on: input.expiresOn ?? null,
        revoked_on: null,
        revocation_note: null,
        attachment_name: attachment?.name ?? null,
        attachment_type: attachment?.type ?? null,
        attachment: attachment ? Buffer.from(attachment.base64, 'base64') : null,
        recorded_by: session.userId,
        recorded_at: nowIso(ctx),
        revoked_at: null,
        revoked_by: null,
      });
      await updateRequest(trx, r.id, { updated_at: nowIso(ctx) });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'release.authorization',
        targetType: 'release',
        targetId: r.id,
        detail: { authorizationId: id, type, attachment: Boolean(attachment) },
      });
    });
    return this.desk.view(session, r.id);
  }

  async authorize(session: Session, requestId: string): Promise<ReleaseRecord> {
    const r = await this.desk.load(session, requestId);
    this.desk.assertStatus(r, ['draft'], 'marked authorized');
    const details = parseDetails(r.details);
    const usable = usableAuthorizations(
      (await this.desk.authorizations(r.id)).map((a) => a.view),
      details,
      this.desk.today(),
    );
    const blockers = authorizationBlockers(details, usable);
    if (blockers.length > 0) throw new AppError('CONFLICT', blockers.join(' '));
    await this.desk.transition(session, r, 'authorized', {});
    return this.desk.view(session, r.id);
  }

  async revoke(
    session: Session,
    input: { authorizationId: string; revokedOn: string; note?: string | undefined },
  ): Promise<ReleaseRecord> {
    const { ctx, db } = this.desk;
    const a = await getAuthorization(db, input.authorizationId);
    if (!a) throw new AppError('NOT_FOUND', 'That authorization does not exist.');
    const r = await this.desk.load(session, a.request_id);
    if (a.revoked_on) throw new AppError('CONFLICT', 'This authorization was already revoked.');
    const fields = parseAuthorizationFields(a.type, a.fields);
    if (input.revokedOn < fields.signedOn) {
      throw invalid([
        {
          path: 'revokedOn',
          message: `The authorization was signed on ${fields.signedOn}; it cannot be revoked before that.`,
        },
      ]);
    }
    // 164.508(b)(5)(i): a revocation does not reach what was already disclosed in reliance on it.
    const last = await lastDisclosureOn(db, r.id);
    if (last && input.revokedOn < last) {
      throw invalid([
        {
          path: 'revokedOn',
          message: `Records already left under this request on ${last}; a revocation cannot be dated before that. Use the date the client revoked it.`,
        },
      ]);
    }
    await inTransaction(ctx, async (trx) => {
      await revokeAuthorization(trx, a.id, {
        on: input.revokedOn,
        note: input.note ?? null,
        at: nowIso(ctx),
        by: session.userId,
      });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'release.revokeAuthorization',
        targetType: 'release',
        targetId: r.id,
        detail: { authorizationId: a.id, revokedOn: input.revokedOn },
      });
    });
    return this.desk.view(session, r.id);
  }
}
