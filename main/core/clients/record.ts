// A chart's demographics as the person who opened it may see them: the client's row with its
// guardians, care team, status history and primary clinician, and what the reader may do with it.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ClientRow, DB } from '../../../db/schema.ts';
import {
  ageOn,
  type ClientRecord,
  type LegalAuthority,
  type SubscriberRelation,
} from '../../../preload/contract/clients.ts';
import type { ChartAccess } from '../access/index.ts';
import { getUser, staffLabel } from '../staff/index.ts';
import { confidentialCommunicationsOf } from './communications.ts';
import { listCareTeam, listGuardians, listStatusHistory } from './queries.ts';

/** Reads the rows behind one chart; the caller has already passed chartAccess. */
export async function loadClientRecord(
  db: Kysely<DB>,
  access: ChartAccess,
  today: string,
): Promise<ClientRecord> {
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
    age: ageOn(c.date_of_birth, today),
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
    confidentialCommunications: confidentialCommunicationsOf(c),
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
    primaryClinician: {
      id: c.primary_clinician_id,
      displayName: primary ? staffLabel(primary.display_name, primary.active) : 'Unknown',
    },
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
      readOnly: access.readOnly,
    },
  };
}
