// A client's diagnoses (issue 20): ICD-10-CM codes from the shipped FY2024 chapter-5 list (F01–F99)
// or, flagged, any other valid ICD-10-CM code with its words (a Z code for social circumstances);
// ranked as on a claim form (1 is primary, up to 12), each with its onset, status and history.
// Every change is a new version of the diagnosis, so a note or a release of March shows March's list.
import { z } from 'zod';
import { CalendarDate, StaffRef } from './clients.ts';
import { Id } from './common.ts';

export const DiagnosisStatus = z.enum(['active', 'in_remission', 'resolved', 'entered_in_error'], {
  error: 'Choose the status of the diagnosis.',
});
export type DiagnosisStatus = z.infer<typeof DiagnosisStatus>;
export const DIAGNOSIS_STATUS_LABELS: Record<DiagnosisStatus, string> = {
  active: 'Active',
  in_remission: 'In remission',
  resolved: 'Resolved',
  entered_in_error: 'Entered in error',
};

/** How many diagnoses a claim form carries; the ranked list holds no more. */
export const MAX_RANKED_DIAGNOSES = 12;

/** One version of a diagnosis: what changed, when and by whom. */
export const DiagnosisVersion = z.strictObject({
  version: z.number().int().positive(),
  status: DiagnosisStatus,
  /** 1 is primary; null when the diagnosis is no longer on the ranked list (resolved, in error). */
  rank: z.number().int().min(1).max(MAX_RANKED_DIAGNOSES).nullable(),
  onsetDate: CalendarDate.nullable(),
  /** Why it changed, in the clinician's words (optional). */
  reason: z.string().nullable(),
  by: StaffRef,
  at: z.string(),
});
export type DiagnosisVersion = z.infer<typeof DiagnosisVersion>;

/** A diagnosis as of a moment: its fixed identity and its version in force then. */
export const Diagnosis = z.strictObject({
  id: Id,
  clientId: Id,
  /** ICD-10-CM, with the dot after the third character ("F32.1", "Z63.0"). */
  code: z.string(),
  description: z.string(),
  /** False: a valid ICD-10-CM code that is not in the shipped list, shown as such. */
  inCodeSet: z.boolean(),
  /** Recorded in a 42 CFR Part 2 record: released only as Part 2 records are. */
  part2: z.boolean(),
  recordedBy: StaffRef,
  recordedAt: z.string(),
  current: DiagnosisVersion,
});
export type Diagnosis = z.infer<typeof Diagnosis>;
