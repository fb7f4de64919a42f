// Clients: registration, demographics, search, status and the care team. Every read of a chart
// and every change is audited in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { z } from 'zod';
import type { ClientRow, ClientsTable, DB } from '../../../db/schema.ts';
import {
  ageOn,
  isMinor,
  type ClientInput,
  type ClientRecord,
  type ClientSearchInput,
  type ClientSummary,
  type SetStatusInput,
  type UpdateClientInput,
  type LegalAuthority,
  type SubscriberRelation,
} from '../../../preload/contract/clients.ts';
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
import { getUser } from '../staff/index.ts';
import { caseloadOf, chartAccess, chartRights, ListReadLog, type ChartAccess } from '../access/index.ts';
import {
  addCareTeam,
  getClient,
  listClients,
  insertClient,
  insertStatusHistory,
  isOnCareTeam,
  listCareTeam,
  listGuardians,
  listStatusHistory,
  nextChartNumber,
  removeCareTeam,
  replaceGuardians,
  searchClients,
  updateClient,
  writeSearchRow,
} from './queries.ts';
import { ftsQuery, searchTerms, sortKey } from './search-terms.ts';

type NewClient = z.output<typeof ClientInput>;
type ClientUpdate = z.output<typeof UpdateClientInput>;

const today = (ctx: CoreContext): string => todayLocal(ctx);

function columns(
  input: NewClient,
): Omit<
  ClientsTable,
  | 'seq'
  | 'id'
  | 'chart_number'
  | 'sort_key'
  | 'status'
  | 'status_date'
  | 'status_reason'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
> {
  const c = input.communication;
  return {
    legal_first_name: input.legalFirstName,
    legal_last_name: input.legalLastName,
    preferred_name: input.preferredName ?? null,
    pronouns: input.pronouns ?? null,
    date_of_birth: input.dateOfBirth,
    gender_identity: input.genderIdentity ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    address_line1: input.address?.line1 ?? null,
    address_line2: input.address?.line2 ?? null,
    city: input.address?.city ?? null,
    region: input.address?.region ?? null,
    postal_code: input.address?.postalCode ?? null,
    voicemail_ok: c.voicemailOk ? 1 : 0,
    voicemail_number: c.voicemailOk ? (c.voicemailNumber ?? null) : null,
    text_ok: c.textOk ? 1 : 0,
    text_number: c.textOk ? (c.textNumber ?? null) : null,
    email_ok: c.emailOk ? 1 : 0,
    email_address: c.emailOk ? (c.emailAddress ?? null) : null,
    insurance_carrier: input.insurance?.carrier ?? null,
    insurance_member_id: input.insurance?.memberId ?? null,
    insurance_group: input.insurance?.groupNumber ?? null,
    insurance_subscriber_name: input.insurance?.subscriberName ?? null,
    insurance_subscriber_relation: input.insurance?.subscriberRelation ?? null,
    emergency_name: input.emergencyContact?.name ?? null,
    emergency_relation: input.emergencyContact?.relation ?? null,
    emergency_phone: input.emergencyContact?.phone ?? null,
    referral_source: input.referralSource ?? null,
    primary_clinician_id: input.primaryClinicianId,
    minor_self_consent_basis: input.minorSelfConsentBasis ?? null,
  };
}

const guardianRows = (input: NewClient) =>
  input.guardians.map((g) => ({
    id: randomUUID(),
    name: g.name,
    relation: g.relation,
    phone: g.phone,
    email: g.email ?? null,
    legal_authority: g.legalAuthority,
    authority_note: g.authorityNote ?? null,
  }));

export class ClientsService {
  private readonly ctx: CoreContext;
  private readonly searchLog: ListReadLog;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.searchLog = new ListReadLog(ctx, 'client.search');
  }

  /** The primary clinician must be an active clinician or owner. */
  private async assertClinician(db: Kysely<DB>, userId: string, field: string): Promise<void> {
    const user = await getUser(db, userId);
    if (!user?.active || user.role === 'front_desk') {
      throw new AppError('INVALID_INPUT', 'Choose an active clinician.', {
        fields: [{ path: field, message: 'Choose an active clinician.' }],
      });
    }
  }

  /**
   * A registration or a handover that would put the chart outside the caller's own reach is refused
   * before anything is written: otherwise the chart would be saved and the answer (reading it back)
   * refused, and the person, told it failed, registers it again. chartRights is the rule.
   */
  private async assertKeepsAccess(
    db: Kysely<DB>,
    session: Session,
    primaryClinicianId: string,
    clientId?: string,
  ): Promise<void> {
    const onCareTeam =
      primaryClinicianId === session.userId ||
      (clientId !== undefined && (await isOnCareTeam(db, clientId, session.userId)));
    if (chartRights(session.role, onCareTeam)) return;
    const message =
      clientId === undefined
        ? 'A client you register joins your own caseload: choose yourself as the primary clinician, or ask the front desk or the owner to register the client for a colleague.'
        : 'Handing this client to another clinician would take the chart off your caseload. Ask the owner or the front desk to change the primary clinician.';
    throw new AppError('FORBIDDEN', message, { fields: [{ path: 'primaryClinicianId', message }] });
  }

  /** Only a clinician may record the legal basis for a minor consenting alone (state law). */
  private assertMinorBasisAllowed(
    session: Session,
    basis: string | undefined,
    previous: string | null,
  ): void {
    if ((basis ?? null) !== previous && session.role === 'front_desk') {
      throw new AppError(
        'FORBIDDEN',
        'Only a clinician can record the legal basis for a minor consenting alone.',
        {
          fields: [{ path: 'minorSelfConsentBasis', message: 'Only a clinician can record this.' }],
        },
      );
    }
  }

  async search(
    session: Session,
    input: z.output<typeof ClientSearchInput>,
  ): Promise<{ clients: ClientSummary[]; total: number }> {
    const db = readDb(this.ctx);
    const match = input.query.trim() ? ftsQuery(input.query) : null;
    if (input.query.trim() && match === null) return { clients: [], total: 0 };
    const filter = {
      status: input.status,
      primaryClinicianId: input.clinicianId,
      // Only charts chartAccess would open: clinicians their caseload, others every chart.
      caseloadOf: caseloadOf(session),
      offset: input.offset,
      limit: input.limit,
    };
    const { rows, total } =
      match === null
        ? await listClients(db, { ...filter, match })
        : await searchClients(db, { ...filter, match });
    const on = today(this.ctx);
    // Every client on the page is a read of their demographics (DESIGN.md section 7).
    await this.searchLog.record(
      session,
      rows.map((r) => r.id),
    );
    return {
      total,
      clients: rows.map((r) => ({
        id: r.id,
        chartNumber: r.chart_number,
        legalFirstName: r.legal_first_name,
        legalLastName: r.legal_last_name,
        preferredName: r.preferred_name,
        dateOfBirth: r.date_of_birth,
        phone: r.phone,
        status: r.status,
        primaryClinician: { id: r.primary_clinician_id, displayName: r.primary_clinician_name },
        minor: isMinor(r.date_of_birth, on),
      })),
    };
  }

  async create(session: Session, input: NewClient): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    await this.assertClinician(db, input.primaryClinicianId, 'primaryClinicianId');
    await this.assertKeepsAccess(db, session, input.primaryClinicianId);
    this.assertMinorBasisAllowed(session, input.minorSelfConsentBasis, null);
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
      await this.index(trx, id);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'client.create',
        targetType: 'client',
        targetId: id,
        detail: { chartNumber, minor: isMinor(input.dateOfBirth, today(this.ctx)) },
      });
    });
    return this.get(session, id, { audit: false });
  }

  /** Rewrites the client's search-index row from the row as it now stands (same transaction). */
  private async index(trx: Kysely<DB>, clientId: string): Promise<void> {
    const row = await getClient(trx, clientId);
    if (!row) throw new Error('client vanished while indexing');
    await writeSearchRow(
      trx,
      row.seq,
      searchTerms({
        chartNumber: row.chart_number,
        legalFirstName: row.legal_first_name,
        legalLastName: row.legal_last_name,
        preferredName: row.preferred_name,
        dateOfBirth: row.date_of_birth,
        phone: row.phone,
      }),
    );
  }

  /** Opens a chart's demographics; recorded in the audit log as a read of the chart. */
  async get(session: Session, clientId: string, options: { audit?: boolean } = {}): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId);
    if (options.audit !== false) {
      await recordAudit(this.ctx, actorOf(session), {
        action: 'client.view',
        targetType: 'client',
        targetId: clientId,
      });
    }
    return this.record(db, access);
  }

  private async record(db: Kysely<DB>, access: ChartAccess): Promise<ClientRecord> {
    const c = access.client;
    const [guardians, team, history, primary] = await Promise.all([
      listGuardians(db, c.id),
      listCareTeam(db, c.id),
      listStatusHistory(db, c.id),
      getUser(db, c.primary_clinician_id),
    ]);
    return {
      id: c.id,
      chartNumber: c.chart_number,
      legalFirstName: c.legal_first_name,
      legalLastName: c.legal_last_name,
      preferredName: c.preferred_name,
      pronouns: c.pronouns,
      dateOfBirth: c.date_of_birth,
      age: ageOn(c.date_of_birth, today(this.ctx)),
      genderIdentity: c.gender_identity,
      phone: c.phone,
      email: c.email,
      address:
        c.address_line1 && c.city && c.region && c.postal_code
          ? {
              line1: c.address_line1,
              line2: c.address_line2,
              city: c.city,
              region: c.region,
              postalCode: c.postal_code,
            }
          : null,
      communication: {
        voicemailOk: c.voicemail_ok === 1,
        voicemailNumber: c.voicemail_number,
        textOk: c.text_ok === 1,
        textNumber: c.text_number,
        emailOk: c.email_ok === 1,
        emailAddress: c.email_address,
      },
      insurance:
        c.insurance_carrier &&
        c.insurance_member_id &&
        c.insurance_subscriber_name &&
        c.insurance_subscriber_relation
          ? {
              carrier: c.insurance_carrier,
              memberId: c.insurance_member_id,
              groupNumber: c.insurance_group,
              subscriberName: c.insurance_subscriber_name,
              subscriberRelation: c.insurance_subscriber_relation as z.infer<typeof SubscriberRelation>,
            }
          : null,
      emergencyContact:
        c.emergency_name && c.emergency_relation && c.emergency_phone
          ? { name: c.emergency_name, relation: c.emergency_relation, phone: c.emergency_phone }
          : null,
      referralSource: c.referral_source,
      primaryClinician: { id: c.primary_clinician_id, displayName: primary?.display_name ?? 'Unknown' },
      careTeam: team.map((t) => ({
        id: t.id,
        displayName: t.display_name,
        addedAt: t.added_at,
        addedBy: t.added_by_name,
      })),
      guardians: guardians.map((g) => ({
        name: g.name,
        relation: g.relation,
        phone: g.phone,
        email: g.email,
        legalAuthority: g.legal_authority as z.infer<typeof LegalAuthority>,
        authorityNote: g.authority_note,
      })),
      minorSelfConsentBasis: c.minor_self_consent_basis,
      status: c.status,
      statusDate: c.status_date,
      statusReason: c.status_reason,
      statusHistory: history.map((h) => ({
        status: h.status as ClientRow['status'],
        effectiveDate: h.effective_date,
        reason: h.reason,
        changedBy: h.changed_by_name,
        changedAt: h.changed_at,
      })),
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      access: {
        clinical: access.clinical,
        manageCareTeam: access.manageCareTeam,
        editDemographics: access.editDemographics,
      },
    };
  }

  async update(session: Session, input: ClientUpdate): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, input.clientId);
    if (!access.editDemographics) throw new AppError('FORBIDDEN', 'Your role cannot edit this client.');
    if (input.primaryClinicianId !== access.client.primary_clinician_id) {
      await this.assertClinician(db, input.primaryClinicianId, 'primaryClinicianId');
      await this.assertKeepsAccess(db, session, input.primaryClinicianId, input.clientId);
    }
    // Only clinicians record or change the legal basis; from front desk a missing value means
    // "unchanged", never "erase a clinician's record".
    const basis =
      session.role === 'front_desk' && input.minorSelfConsentBasis === undefined
        ? (access.client.minor_self_consent_basis ?? undefined)
        : input.minorSelfConsentBasis;
    this.assertMinorBasisAllowed(session, basis, access.client.minor_self_consent_basis);
    const next = columns({ ...input, minorSelfConsentBasis: basis });
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== access.client[k]);
    await inTransaction(this.ctx, async (trx) => {
      await updateClient(trx, input.clientId, {
        ...next,
        sort_key: sortKey({ ...input, chartNumber: access.client.chart_number }),
        updated_at: nowIso(this.ctx),
      });
      await replaceGuardians(trx, input.clientId, guardianRows(input));
      await this.index(trx, input.clientId);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'client.update',
        targetType: 'client',
        targetId: input.clientId,
        detail: { fields: changed, guardians: input.guardians.length },
      });
    });
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
      await this.index(trx, input.clientId);
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

  async addCareTeamMember(session: Session, clientId: string, userId: string): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId);
    if (!access.manageCareTeam) throw new AppError('FORBIDDEN', 'Your role cannot change the care team.');
    await this.assertClinician(db, userId, 'userId');
    if (userId === access.client.primary_clinician_id) {
      throw new AppError('CONFLICT', 'That person is already the primary clinician.');
    }
    await inTransaction(this.ctx, async (trx) => {
      await addCareTeam(trx, {
        client_id: clientId,
        user_id: userId,
        added_by: session.userId,
        added_at: nowIso(this.ctx),
      });
      // Grants of access to a chart are audited (DESIGN.md section 3).
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'careTeam.add',
        targetType: 'client',
        targetId: clientId,
        detail: { userId },
      });
    });
    return this.get(session, clientId, { audit: false });
  }

  async removeCareTeamMember(session: Session, clientId: string, userId: string): Promise<ClientRecord> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId);
    if (!access.manageCareTeam) throw new AppError('FORBIDDEN', 'Your role cannot change the care team.');
    if (userId === access.client.primary_clinician_id) {
      throw new AppError(
        'CONFLICT',
        'The primary clinician cannot be removed; assign a different primary clinician first.',
      );
    }
    await inTransaction(this.ctx, async (trx) => {
      if ((await removeCareTeam(trx, clientId, userId)) === 0) {
        throw new AppError('NOT_FOUND', 'That person is not on this client’s care team.');
      }
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'careTeam.remove',
        targetType: 'client',
        targetId: clientId,
        detail: { userId },
      });
    });
    // A clinician who removes themselves no longer has access: answer with what they may still see.
    if (session.role === 'clinician' && userId === session.userId) {
      const row = await getClient(db, clientId);
      if (row)
        return this.record(db, {
          client: row,
          clinical: false,
          part2: false,
          onCareTeam: false,
          editDemographics: false,
          manageCareTeam: false,
        });
    }
    return this.get(session, clientId, { audit: false });
  }
}

export type { SetStatusInput };
