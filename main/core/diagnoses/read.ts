// A client's diagnoses as of a moment, and one diagnosis's history: what notes, releases and the
// Diagnoses tab show. No access check here: the callers decide who reads (service.ts for the tab,
// the notes and releases rooms for theirs).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Diagnosis, DiagnosisVersion } from '../../../preload/contract/diagnoses.ts';
import { staffNames } from '../staff/index.ts';
import {
  diagnosesOf,
  versionsInForce,
  versionsOf,
  type DiagnosisRow,
  type DiagnosisVersionRow,
} from './queries.ts';

const staffRef = (names: Map<string, string>, id: string) => ({
  id,
  displayName: names.get(id) ?? 'Unknown',
});

const toVersion = (v: DiagnosisVersionRow, names: Map<string, string>): DiagnosisVersion => ({
  version: v.version,
  status: v.status,
  rank: v.rank,
  onsetDate: v.onset_date,
  reason: v.reason,
  by: staffRef(names, v.by_user),
  at: v.at,
});

export const toDiagnosis = (
  d: DiagnosisRow,
  v: DiagnosisVersionRow,
  names: Map<string, string>,
): Diagnosis => ({
  id: d.id,
  clientId: d.client_id,
  code: d.code,
  description: d.description,
  inCodeSet: d.in_code_set === 1,
  part2: d.part2 === 1,
  recordedBy: staffRef(names, d.recorded_by),
  recordedAt: d.recorded_at,
  current: toVersion(v, names),
});

const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** Ranked first, by rank; then the rest in the order they were recorded. */
export function byRank(a: Diagnosis, b: Diagnosis): number {
  const ra = a.current.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.current.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every diagnosis of the client in its version in force at ISO time `at` (default now), ranked
 * ones first by rank, then the rest by recorded time; diagnoses recorded after `at` are absent.
 */
export async function diagnosesAsOf(db: Kysely<DB>, clientId: string, at?: string): Promise<Diagnosis[]> {
  // Nothing is recorded after the end of time: the latest of everything is the list now.
  const moment = at ?? END_OF_TIME;
  const [rows, versions] = await Promise.all([
    diagnosesOf(db, clientId, moment),
    versionsInForce(db, clientId, moment),
  ]);
  const inForce = new Map(versions.map((v) => [v.diagnosis_id, v]));
  const names = await staffNames(db, [...rows.map((r) => r.recorded_by), ...versions.map((v) => v.by_user)]);
  return rows
    .flatMap((d) => {
      const v = inForce.get(d.id);
      return v ? [toDiagnosis(d, v, names)] : [];
    })
    .sort(byRank);
}

/** Every version of one diagnosis, oldest first (empty when there is no such diagnosis). */
export async function diagnosisHistory(db: Kysely<DB>, diagnosisId: string): Promise<DiagnosisVersion[]> {
  const versions = await versionsOf(db, diagnosisId);
  const names = await staffNames(
    db,
    versions.map((v) => v.by_user),
  );
  return versions.map((v) => toVersion(v, names));
}
