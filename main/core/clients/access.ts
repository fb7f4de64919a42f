// Record-level access to a chart (DESIGN.md section 3). The router has checked the role; this
// decides, per client, what the signed-in person may see and do.
import type { Kysely } from 'kysely';
import type { ClientRow, DB } from '../../../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/session-manager.ts';
import { getClient, isOnCareTeam } from './queries.ts';

export interface ChartAccess {
  client: ClientRow;
  /** Intake, assessments, notes: the owner, and clinicians on the care team. Never front desk. */
  clinical: boolean;
  onCareTeam: boolean;
  editDemographics: boolean;
  manageCareTeam: boolean;
}

export const notOnCaseload = (): AppError =>
  new AppError(
    'FORBIDDEN',
    'This client is not on your caseload. Ask their primary clinician to add you to the care team.',
  );

export async function chartAccess(db: Kysely<DB>, session: Session, clientId: string): Promise<ChartAccess> {
  const client = await getClient(db, clientId);
  if (!client) throw new AppError('NOT_FOUND', 'That client record does not exist.');
  const onCareTeam =
    client.primary_clinician_id === session.userId || (await isOnCareTeam(db, clientId, session.userId));
  switch (session.role) {
    case 'owner':
      return { client, clinical: true, onCareTeam, editDemographics: true, manageCareTeam: true };
    case 'clinician':
      if (!onCareTeam) throw notOnCaseload();
      return { client, clinical: true, onCareTeam, editDemographics: true, manageCareTeam: true };
    case 'front_desk':
      return { client, clinical: false, onCareTeam: false, editDemographics: true, manageCareTeam: false };
  }
}

/** For the clinical channels: refuses front desk (defence in depth) and clinicians off the team. */
export async function clinicalAccess(
  db: Kysely<DB>,
  session: Session,
  clientId: string,
): Promise<ChartAccess> {
  const access = await chartAccess(db, session, clientId);
  if (!access.clinical) throw new AppError('FORBIDDEN', 'Clinical records are not available to your role.');
  return access;
}
