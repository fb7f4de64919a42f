// The registration rules: who may be a primary clinician, a change that would take the chart off
// the caller's own caseload, and who may record a minor's legal basis for consenting alone.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { chartRights } from '../access/index.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { getUser } from '../staff/index.ts';
import { isOnCareTeam } from './queries.ts';

/** The primary clinician must be an active clinician or owner. */
export async function assertClinician(db: Kysely<DB>, userId: string, field: string): Promise<void> {
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
export async function assertKeepsAccess(
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
export function assertMinorBasisAllowed(
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
