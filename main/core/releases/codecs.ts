// Stored JSON in release rows, read through zod (STYLE.md rule 17): a row written by an older
// version is upgraded here, explicitly; a row edited on disk into something else fails loudly
// (DATABASE_DAMAGED) instead of becoming a wrong type that a release would act on.
import { z } from 'zod';
import {
  AuthorizationFields,
  DenialGround,
  RecordType,
  ReleaseDetails,
  Selection,
  type AuthorizationType,
} from '../../../preload/contract/releases.ts';
import { withoutInvisible } from '../../../preload/contract/text.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

export const damagedRow = (): UnreadableRecord =>
  new UnreadableRecord(
    { type: 'release', id: null },
    unreadableMessage('release record', 'Nothing was released.'),
  );

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rows stored before the contract refused invisible formatting and control characters (issue 15)
 * may hold them; they read with those characters removed rather than as a damaged row.
 */
function withoutInvisibleDeep(v: unknown): unknown {
  if (typeof v === 'string') return withoutInvisible(v);
  if (Array.isArray(v)) return v.map(withoutInvisibleDeep);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutInvisibleDeep(x)]));
  return v;
}

const parseJson = <T>(schema: z.ZodType<T>, text: string): T =>
  parseStored(schema, text, damagedRow, withoutInvisibleDeep);

/**
 * Requests stored before 0005 described an emergency with `medicalEmergency: boolean`; they read as
 * the situation it meant (a duty-to-warn disclosure unless it was a 2.51 medical emergency).
 */
function upgradeDetails(v: unknown): unknown {
  if (!isRecord(v) || v.kind !== 'emergency' || 'situation' in v) return v;
  const { medicalEmergency, ...rest } = v;
  const medical = medicalEmergency === true;
  return {
    ...rest,
    situation: medical ? 'medical_emergency' : 'duty_to_warn',
    recipientRole: medical ? 'medical_personnel' : 'other',
  };
}

export const parseDetails = (text: string): ReleaseDetails =>
  parseJson(z.preprocess(upgradeDetails, ReleaseDetails), text);

/** Authorizations stored before 0005 carry no structured record types: they covered what their type allows. */
function upgradeAuthorization(type: AuthorizationType) {
  return (v: unknown): unknown => {
    if (!isRecord(v) || 'recordTypes' in v) return v;
    // Not the kinds added since (diagnoses, treatment plans, issue 20): no form signed then named them.
    const all = RecordType.options.filter(
      (t) => t !== 'psychotherapy_notes' && t !== 'diagnoses' && t !== 'treatment_plans',
    );
    return { ...v, recordTypes: type === 'psychotherapy_notes' ? ['psychotherapy_notes'] : all };
  };
}

export const parseAuthorizationFields = (type: AuthorizationType, text: string): AuthorizationFields =>
  parseJson(z.preprocess(upgradeAuthorization(type), AuthorizationFields), text);

export const parseSelection = (text: string): Selection => parseJson(Selection, text);

export const StoredExtension = z.strictObject({
  reason: z.string(),
  notifiedOn: z.string(),
  newDueOn: z.string(),
});
export const parseExtension = (text: string) => parseJson(StoredExtension, text);

export const StoredDenial = z.strictObject({
  ground: DenialGround.nullable(),
  reviewable: z.boolean(),
  explanation: z.string(),
});
export type StoredDenial = z.infer<typeof StoredDenial>;
export const parseDenial = (text: string): StoredDenial => parseJson(StoredDenial, text);

/** The authorizations a frozen record leaves under (ids). */
export const parseAuthorities = (text: string): string[] => parseJson(z.array(z.uuid()), text);
