// Who may open a chart, and which parts of it (DESIGN.md section 3). The router has checked the
// role; this decides per client. Every read path asks here: clients.get and search, notes, the
// timeline, intake, releases.
import type { Kysely } from 'kysely';
import type { ClientRow, DB } from '../../../db/schema.ts';
import type { Role } from '../../../preload/contract/common.ts';
import { getClient, onCareTeamOf } from '../clients/index.ts';
import { coverInForce, type CoverGrant } from '../cover/index.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';

export interface ChartAccess {
  client: ClientRow;
  /** Intake, assessments, notes: the owner, and clinicians on the care team. Never front desk. */
  clinical: boolean;
  /**
   * Records of the Part 2 program (notes and the intake section marked Part 2): only the care team.
   * 42 CFR 2.12(c)(3): inside the program they go only to those who need them to treat the client.
   * The owner, who reads every other clinical record, is refused these unless on the care team
   * (adding oneself is a care-team grant, and audited).
   */
  part2: boolean;
  onCareTeam: boolean;
  editDemographics: boolean;
  manageCareTeam: boolean;
  /**
   * Set when only planned cover (issue 21, main/core/cover) opens the chart: the grant in force
   * and when it ends by main's clock. Its scope: demographics and schedule (read), signed progress
   * notes (read; never Part 2, never psychotherapy notes), and the coverer's own progress notes
   * (write, sign) with the active diagnoses they address (read, through notes.linkOptions).
   * `clinical` stays false, so intake, screenings, diagnoses, plans and releases refuse it.
   */
  cover?: CoverGrant;
  /** 'standing': by role and care team; otherwise the temporary grant it rests on. */
  via: 'standing' | TemporaryGrant['kind'];
  /** The grant reads the chart and changes nothing (emergency access). */
  readOnly: boolean;
  /** The temporary grant in force (audited with every read it allows), or null. */
  grant: TemporaryGrant | null;
}

/**
 * A time-limited right to a chart that role and care team do not give (issue 21). The session's
 * `temporaryAccess` lookup returns the one in force now by main's clock (its room decides), or null.
 */
export interface TemporaryGrant {
  kind: 'emergency' | 'cover';
  grantId: string;
  readOnly: boolean;
  /** Part 2 records open under it (emergency access for a 42 CFR 2.51 medical emergency only). */
  part2: boolean;
  expiresAt: string;
}

/** How a caller uses the chart: a read is allowed under a read-only grant; anything else is refused. */
export interface ChartUse {
  reading?: boolean;
}

export const readOnlyGrant = (): AppError =>
  new AppError('FORBIDDEN', 'Emergency access is read-only: nothing in this chart can be changed under it.');

/**
 * Whose charts a role opens at all: clinicians their caseload (primary clinician or care team);
 * the owner and front desk every chart (front desk only its demographics). List and search
 * queries narrow by this, so they never return a client chartAccess would refuse.
 */
export const caseloadOf = (session: Pick<Session, 'userId' | 'role'>): string | undefined =>
  session.role === 'clinician' ? session.userId : undefined;

export const notOnCaseload = (): AppError =>
  new AppError(
    'FORBIDDEN',
    'This client is not on your caseload. Ask their primary clinician to add you to the care team.',
  );

/** The rule itself, for a client whose care-team membership is known. */
export function chartRights(
  role: Role,
  onCareTeam: boolean,
): Omit<ChartAccess, 'client' | 'onCareTeam' | 'via' | 'readOnly' | 'grant'> | null {
  switch (role) {
    case 'owner':
      return { clinical: true, part2: onCareTeam, editDemographics: true, manageCareTeam: true };
    case 'clinician':
      if (!onCareTeam) return null;
      return { clinical: true, part2: true, editDemographics: true, manageCareTeam: true };
    case 'front_desk':
      return { clinical: false, part2: false, editDemographics: true, manageCareTeam: false };
  }
}

export async function chartAccess(
  db: Kysely<DB>,
  session: Session,
  clientId: string,
  use: ChartUse = {},
): Promise<ChartAccess> {
  const client = await getClient(db, clientId);
  if (!client) throw new AppError('NOT_FOUND', 'That client record does not exist.');
  const onCareTeam = await onCareTeamOf(db, client, session.userId);
  const rights = chartRights(session.role, onCareTeam);
  if (!rights) return temporaryChartAccess(db, session, client, use);
  // The owner off the care team reads Part 2 records only under an emergency grant that opens them.
  const grant =
    session.role === 'owner' && !onCareTeam && use.reading === true
      ? await temporaryAccess(db, session, clientId)
      : null;
  if (grant)
    return { client, onCareTeam, ...rights, part2: grant.part2, via: grant.kind, readOnly: false, grant };
  return {
    client,
    onCareTeam: session.role === 'front_desk' ? false : onCareTeam,
    ...rights,
    via: 'standing',
    readOnly: false,
    grant: null,
  };
}

/**
 * A clinician off the care team: the temporary grant in force, if any (emergency access). Its
 * rights are clinical reading only (never a psychotherapy note: that rule is the author's), Part 2
 * records only where the grant says so; under a read-only grant every use but reading is refused.
 */
async function temporaryChartAccess(
  db: Kysely<DB>,
  session: Session,
  client: ClientRow,
  use: ChartUse,
): Promise<ChartAccess> {
  const grant = session.role === 'clinician' ? await temporaryAccess(db, session, client.id) : null;
  if (!grant) return coverChartAccess(db, session, client);
  if (grant.readOnly && use.reading !== true) throw readOnlyGrant();
  return {
    client,
    clinical: true,
    part2: grant.part2,
    onCareTeam: false,
    editDemographics: !grant.readOnly,
    manageCareTeam: false,
    via: grant.kind,
    readOnly: grant.readOnly,
    grant,
  };
}

/** The temporary grant this session holds on the client now (by main's clock), or null. */
export const temporaryAccess = async (
  db: Kysely<DB>,
  session: Session,
  clientId: string,
): Promise<TemporaryGrant | null> => (session.temporaryAccess ? session.temporaryAccess(db, clientId) : null);

/**
 * Planned cover (issue 21): a clinician off the care team opens the chart of a client whose
 * primary clinician's caseload they cover, while the grant is in force by main's clock (its scope
 * is on ChartAccess.cover); otherwise refused as before.
 */
async function coverChartAccess(db: Kysely<DB>, session: Session, client: ClientRow): Promise<ChartAccess> {
  const cover =
    session.role === 'clinician' && client.primary_clinician_id
      ? await coverInForce(db, session.userId, client.primary_clinician_id)
      : null;
  if (!cover) throw notOnCaseload();
  return {
    client,
    clinical: false,
    part2: false,
    onCareTeam: false,
    editDemographics: false,
    manageCareTeam: false,
    via: 'cover',
    readOnly: false,
    grant: null,
    cover,
  };
}

/**
 * Whether a staff member reads this client's Part 2 records today, by their current role and
 * care-team membership (null role: no longer active). The release export asks it for the person
 * who approved: an approval of Part 2 records stands only while its approver still may read them.
 */
export async function readsPart2Now(
  db: Kysely<DB>,
  user: { userId: string; role: Role | null },
  clientId: string,
): Promise<boolean> {
  if (!user.role) return false;
  const client = await getClient(db, clientId);
  if (!client) return false;
  return chartRights(user.role, await onCareTeamOf(db, client, user.userId))?.part2 ?? false;
}

/** chartAccess, or null where it would refuse (for filtering what a list or a note shows). */
export async function chartAccessOrNull(
  db: Kysely<DB>,
  session: Session,
  clientId: string,
  use: ChartUse = {},
): Promise<ChartAccess | null> {
  try {
    return await chartAccess(db, session, clientId, use);
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}

/**
 * For the progress-note editor (write and sign one's own progress note, the diagnoses it may
 * address): the clinical team, or a coverer under planned cover, whose scope includes exactly this.
 */
export async function progressNoteAccess(
  db: Kysely<DB>,
  session: Session,
  clientId: string,
): Promise<ChartAccess> {
  const access = await chartAccess(db, session, clientId);
  if (!access.clinical && !access.cover)
    throw new AppError('FORBIDDEN', 'Clinical records are not available to your role.');
  return access;
}

/** For the clinical channels: refuses front desk (defence in depth) and clinicians off the team. */
export async function clinicalAccess(
  db: Kysely<DB>,
  session: Session,
  clientId: string,
  use: ChartUse = {},
): Promise<ChartAccess> {
  const access = await chartAccess(db, session, clientId, use);
  if (!access.clinical) throw new AppError('FORBIDDEN', 'Clinical records are not available to your role.');
  return access;
}
