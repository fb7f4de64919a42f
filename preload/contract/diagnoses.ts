// A client's diagnoses (issue 20): ICD-10-CM codes from the shipped FY2024 chapter-5 list (F01–F99)
// or, flagged, any other valid ICD-10-CM code with its words (a Z code for social circumstances);
// ranked as on a claim form (1 is primary, up to 12), each with its onset, status and history.
// Every change is a new version of the diagnosis, so a note or a release of March shows March's list.
import { z } from 'zod';
import { CalendarDate, StaffRef } from './clients.ts';
import { channel, Id, IsoDateTime, optionalText } from './common.ts';
import { multiLineText, plainText, singleLineText } from './text.ts';

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

/** "f41.1", " F411 ", "F41.1" → "F411": upper case, no dot or spaces (how codes are compared). */
export const compactCode = (typed: string): string => typed.toUpperCase().replace(/[\s.]/g, '');
/** "F411" → "F41.1": the dot after the third character, as ICD-10-CM writes codes. */
export const displayCode = (compact: string): string =>
  compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;

/** Who may read and change diagnoses (the router's role check; main decides per chart). */
const diagnosisRoles = ['owner', 'clinician'] as const;

/** A code from the shipped list, as the type-ahead offers it. */
export const CodeMatch = z.strictObject({ code: z.string(), description: z.string() });
export type CodeMatch = z.infer<typeof CodeMatch>;

export const CodeSearchInput = z.strictObject({
  // Not trimmed: a space typed after a word is part of what is being typed.
  query: z
    .string({ error: 'Type a code or words to search.' })
    .max(100, 'Search for 100 characters or fewer.')
    .superRefine(plainText('The search')),
});

/** A client's list as the Diagnoses tab shows it. */
export const DiagnosisList = z.strictObject({
  clientId: Id,
  /** Ranked first (1 is primary), then the rest (resolved, entered in error) by when recorded. */
  diagnoses: z.array(Diagnosis),
  /** Shown with the list, never refusals: a Z code as primary. */
  warnings: z.array(z.string()),
  /** Diagnoses of the Part 2 program this reader may not see (42 CFR 2.12(c)(3)); counted, not shown. */
  hiddenPart2: z.number().int().nonnegative(),
  /** The list as of this moment (null: now). */
  asOf: z.string().nullable(),
});
export type DiagnosisList = z.infer<typeof DiagnosisList>;

const CodeText = singleLineText('The code', 12, 'Enter an ICD-10-CM code.').min(
  1,
  'Enter an ICD-10-CM code.',
);
const OnsetDate = z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional());
const Rank = z
  .number({ error: 'Choose a position.' })
  .int('Choose a position.')
  .min(1, 'Choose a position.')
  .max(MAX_RANKED_DIAGNOSES, `The list holds ${String(MAX_RANKED_DIAGNOSES)} ranked diagnoses at most.`);
const Reason = multiLineText('The reason', 1000)
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const AddDiagnosisInput = z.strictObject({
  clientId: Id,
  code: CodeText,
  /** Required only for a code outside the shipped list; a listed code keeps the list's words. */
  description: optionalText('The description', 300),
  onsetDate: OnsetDate,
  status: z.enum(['active', 'in_remission'], { error: 'Choose active or in remission.' }),
  /** Where it goes on the ranked list (1: primary); omitted: after the others. */
  rank: Rank.optional(),
  /** Recorded as substance-use information of the practice's 42 CFR Part 2 program. */
  part2: z.boolean({ error: 'Say whether this is a Part 2 record.' }),
});
export type AddDiagnosisInput = z.input<typeof AddDiagnosisInput>;

export const ChangeDiagnosisInput = z.strictObject({
  diagnosisId: Id,
  status: DiagnosisStatus,
  /** null clears the onset date. */
  onsetDate: z.preprocess((v) => (v === '' ? null : v), CalendarDate.nullable()),
  reason: Reason,
});
export type ChangeDiagnosisInput = z.input<typeof ChangeDiagnosisInput>;

export const ReorderDiagnosesInput = z.strictObject({
  clientId: Id,
  /** Every ranked diagnosis, primary first. */
  order: z
    .array(Id, { error: 'Send the whole ranked list.' })
    .min(1, 'Send the whole ranked list.')
    .max(MAX_RANKED_DIAGNOSES, `The list holds ${String(MAX_RANKED_DIAGNOSES)} ranked diagnoses at most.`),
});
export type ReorderDiagnosesInput = z.input<typeof ReorderDiagnosesInput>;

export const DiagnosisHistory = z.strictObject({
  diagnosis: Diagnosis,
  /** Oldest first. */
  versions: z.array(DiagnosisVersion),
});
export type DiagnosisHistory = z.infer<typeof DiagnosisHistory>;

export const diagnosisChannels = {
  /** Type-ahead over the shipped list: by code prefix ("F41", "f41.1", "F411") or by words. */
  'diagnoses.searchCodes': channel({
    input: CodeSearchInput,
    output: z.strictObject({ matches: z.array(CodeMatch) }),
    access: diagnosisRoles,
  }),
  'diagnoses.list': channel({
    input: z.strictObject({ clientId: Id, asOf: IsoDateTime.optional() }),
    output: DiagnosisList,
    access: diagnosisRoles,
  }),
  'diagnoses.add': channel({ input: AddDiagnosisInput, output: DiagnosisList, access: diagnosisRoles }),
  /** Status and onset; resolved and entered in error leave the ranking and the rest close up. */
  'diagnoses.change': channel({ input: ChangeDiagnosisInput, output: DiagnosisList, access: diagnosisRoles }),
  'diagnoses.reorder': channel({
    input: ReorderDiagnosesInput,
    output: DiagnosisList,
    access: diagnosisRoles,
  }),
  'diagnoses.history': channel({
    input: z.strictObject({ diagnosisId: Id }),
    output: DiagnosisHistory,
    access: diagnosisRoles,
  }),
} as const;
