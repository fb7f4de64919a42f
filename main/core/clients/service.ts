// Clients: registration, demographics and status, and the door the handlers use for search and
// the care team. Every read of a chart and every change is audited in the same transaction. The
// parts live beside it: the rules (rules.ts), the rows a change writes (rows.ts), the chart as
// read (record.ts), search (search.ts) and the care team (care-team.ts).
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { ClientsTable } from '../../../db/schema.ts';
import {
  isMinor,
  type ClientRecord,
  type ClientSearchInput,
  type ClientSummary,
  type SetStatusInput,
  type UpdateClientInput,
} from '../../../preload/contract/clients.ts';
import type { SetConfidentialCommunicationsInput } from '../../../preload/contract/communications.ts';
import { chartAccess } from '../access/index.ts';
import {
  actorOf,
  inTransaction,
  nowIso,
  readDb,
  recordAudit,
  todayLocal,
  type CoreContext,
} from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { CareTeam } from './care-team.ts';
import { setConfidentialCommunications } from './communications.ts';
import {
  insertClient,
  insertStatusHistory,
  nextChartNumber,
  replaceGuardians,
  updateClient,
} from './queries.ts';
import { loadClientRecord } from './record.ts';
import { columns, guardianRows, indexClient, type NewClient } from './rows.ts';
import { assertClinician, assertKeepsAccess, assertMinorBasisAllowed } from './rules.ts';
import { ClientSearch } from './search.ts';
import { sortKey } from './search-terms.ts';

type ClientUpdate = z.output<typeof UpdateClientInput>;

const today = (ctx: CoreContext): string => todayLocal(ctx);

export class ClientsService {
  private readonly ctx: CoreContext;
  private readonly finder: ClientSearch;
  private readonly careTeam: CareTeam;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.finder = new ClientSearch(ctx);
    this.careTeam = new CareTeam(ctx, (session, clientId) => this.get(session, clientId, { audit: false }));
  }

  search(
    session: Session,
    input: z.output<typeof ClientSearchInput>,
  ): Promise<{ clients: ClientSummary[]; total: number }> {
    return this.finder.search(session, input);
  }

  addCareTeamMember(session: Session, clientId: string, userId: string): Promise<ClientRecord> {
    return this.careTeam.addCareTeamMember(session, clientId, userId);
  }

  removeCareTeamMember(session: Session, clientId: string, userId: string): Promise<ClientRecord> {
    return this.careTeam.removeCareTeamMember(session, clientId, userId);
  }

  async create(session: Session, input: NewClient): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    await assertClinician(db, input.primaryClinicianId, 'primaryClinicianId');
    await assertKeepsAccess(db, session, input.primaryClinicianId);
    assertMinorBasisAllowed(session, input.minorSelfConsentBasis, null);
    const id = randomUUID();
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      const chartNumber = await nextChartNumber(trx);
      const row: Insertable<ClientsTable> = {
        id,
        chart_number: chartNumber,
        ...columns(input),
        sort_key: sortKey({ ...input, chartNumber }),
        status: 'active',
        status_date: today(this.ctx),
        status_reason: null,
        created_at: now,
        created_by: session.userId,
        updated_at: now,
      };
      await insertClient(trx, row);
      await replaceGuardians(trx, id, guardianRows(input));
      await insertStatusHistory(trx, {
        client_id: id,
        status: 'active',
        effective_date: row.status_date,
        reason: 'Registered',
        changed_by: session.userId,
        changed_at: now,
      });
      await indexClient(trx, id);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'client.create',
        targetType: 'client',
        targetId: id,
        detail: { chartNumber, minor: isMinor(input.dateOfBirth, today(this.ctx)) },
      });
    });
    return this.get(session, id, { audit: false });
  }

  /** Opens a chart's demographics; recorded in the audit log as a read of the chart. */
  async get(session: Session, clientId: string, options: { audit?: boolean } = {}): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId, { reading: true });
    if (options.audit !== false) {
      await recordAudit(this.ctx, actorOf(session), {
        action: 'client.view',
        targetType: 'client',
        targetId: clientId,
        // A read under planned cover names its grant (issue 21).
        ...(access.cover ? { detail: { coverGrantId: access.cover.grantId } } : {}),
        // A read under emergency access names its grant (issue 21).
        ...(access.grant ? { detail: { emergencyGrantId: access.grant.grantId } } : {}),
      });
    }
    return loadClientRecord(db, access, today(this.ctx));
  }

  async update(session: Session, input: ClientUpdate): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, input.clientId);
    if (!access.editDemographics) throw new AppError('FORBIDDEN', 'Your role cannot edit this client.');
    if (input.primaryClinicianId !== access.client.primary_clinician_id) {
      await assertClinician(db, input.primaryClinicianId, 'primaryClinicianId');
      await assertKeepsAccess(db, session, input.primaryClinicianId, input.clientId);
    }
    // Only clinicians record or change the legal basis; from front desk a missing value means
    // "unchanged", never "erase a clinician's record".
    const basis =
      session.role === 'front_desk' && input.minorSelfConsentBasis === undefined
        ? (access.client.minor_self_consent_basis ?? undefined)
        : input.minorSelfConsentBasis;
    assertMinorBasisAllowed(session, basis, access.client.minor_self_consent_basis);
    const next = columns({ ...input, minorSelfConsentBasis: basis });
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== access.client[k]);
    await inTransaction(this.ctx, async (trx) => {
      await updateClient(trx, input.clientId, {
        ...next,
        sort_key: sortKey({ ...input, chartNumber: access.client.chart_number }),
        updated_at: nowIso(this.ctx),
      });
      await replaceGuardians(trx, input.clientId, guardianRows(input));
      await indexClient(trx, input.clientId);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'client.update',
        targetType: 'client',
        targetId: input.clientId,
        detail: { fields: changed, guardians: input.guardians.length },
      });
    });
    return this.get(session, input.clientId, { audit: false });
  }

  /** 164.522(b): records, changes or ends the client's request to be reached elsewhere (communications.ts). */
  async setConfidentialCommunications(
    session: Session,
    input: z.output<typeof SetConfidentialCommunicationsInput>,
  ): Promise<ClientRecord> {
    await setConfidentialCommunications(this.ctx, session, input);
    return this.get(session, input.clientId, { audit: false });
  }

  async setStatus(session: Session, input: z.output<typeof SetStatusInput>): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, input.clientId);
    if (input.status === 'discharged' && !access.clinical) {
      throw new AppError('FORBIDDEN', 'Only a clinician can discharge a client.');
    }
    if (input.status === access.client.status) {
      throw new AppError('CONFLICT', `This client is already ${input.status}.`);
    }
    const now = nowIso(this.ctx);
    await inTransaction(this.ctx, async (trx) => {
      await updateClient(trx, input.clientId, {
        status: input.status,
        status_date: input.effectiveDate,
        status_reason: input.reason ?? null,
        updated_at: now,
      });
      await indexClient(trx, input.clientId);
      await insertStatusHistory(trx, {
        client_id: input.clientId,
        status: input.status,
        effective_date: input.effectiveDate,
        reason: input.reason ?? null,
        changed_by: session.userId,
        changed_at: now,
      });
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'client.statusChange',
        targetType: 'client',
        targetId: input.clientId,
        detail: { from: access.client.status, to: input.status, effectiveDate: input.effectiveDate },
      });
    });
    return this.get(session, input.clientId, { audit: false });
  }
}
