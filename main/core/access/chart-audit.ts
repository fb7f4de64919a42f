// Who may read a chart's Access history (issue 18): the audit entries about one client. The rule
// is decided here, in main, and the audit.clientHistory channel asks nothing else.
//
// - The owner always: the owner administers the audit log (DESIGN.md section 3), and reads a
//   chart's history whether or not they are on its care team.
// - The client's primary (assigned) clinician: they answer for the chart and are the person a
//   client asks "who has looked at my record?"; the history shows who, what and when, never
//   record content, and names no other client.
// - Not other care-team members, nor a clinician off the care team (or on emergency access), nor
//   front desk: the history tells who treats and reads the chart, which is the owner's and the
//   assigned clinician's business (45 CFR 164.308(a)(1)(ii)(D), information system activity review,
//   and 164.502(b), minimum necessary).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Role } from '../../../preload/contract/common.ts';
import { getClient } from '../clients/index.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';

/** The rule itself, for a client whose primary clinician is known. */
export function mayReadChartAudit(role: Role, isPrimaryClinician: boolean): boolean {
  switch (role) {
    case 'owner':
      return true;
    case 'clinician':
      return isPrimaryClinician;
    case 'front_desk':
      return false;
  }
}

/** Refuses (FORBIDDEN, audited as denied) unless this session may read the client's access history. */
export async function chartAuditAccess(db: Kysely<DB>, session: Session, clientId: string): Promise<void> {
  const client = await getClient(db, clientId);
  // Refused before "not found": whoever may not read histories learns nothing about which ids exist.
  if (!mayReadChartAudit(session.role, client?.primary_clinician_id === session.userId))
    throw new AppError(
      'FORBIDDEN',
      'The access history of this chart is open to the owner and the client’s primary clinician.',
    );
  if (!client) throw new AppError('NOT_FOUND', 'That client record does not exist.');
}
