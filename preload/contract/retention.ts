// Retention and destruction of records (issue 19): the practice's retention rule, the charts past
// it, legal holds, the destruction of a chart (its tombstone and certificate) and a client's
// request to delete their record, answered with the rule that applies.
import { z } from 'zod';
import { CalendarDate, PastOrToday } from './clients.ts';
import { channel, Empty, Id, requiredLongText, requiredText } from './common.ts';

/** 45 CFR 164.530(j)(2): HIPAA documentation is kept six years; fixed by law, shown, not set. */
export const HIPAA_DOCUMENTATION_YEARS = 6;

const years = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number of years.` })
    .int(`${label} must be a whole number of years.`)
    .min(min, `${label} must be at least ${String(min)}.`)
    .max(max, `${label} must be at most ${String(max)}.`);

export const RetentionSettingsInput = z.strictObject({
  /** Clinical records: years after the last visit (state law; commonly seven or more). */
  clinicalYears: years('Years after the last visit', 6, 50),
  /** Minors: years after the age of majority (the later of this and clinicalYears applies). */
  minorYearsAfterMajority: years('Years after the age of majority', 0, 50),
  ageOfMajority: years('Age of majority', 18, 21),
});
export type RetentionSettingsInput = z.input<typeof RetentionSettingsInput>;

export const RetentionSettings = RetentionSettingsInput.extend({
  hipaaYears: z.literal(HIPAA_DOCUMENTATION_YEARS),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const DEFAULT_RETENTION: RetentionSettingsInput = {
  clinicalYears: 7,
  minorYearsAfterMajority: 7,
  ageOfMajority: 18,
};

/** Which rule set the chart's date: the last visit, the age of majority, or HIPAA documentation. */
export const RetentionBasis = z.enum(['last-visit', 'majority', 'hipaa-documentation']);
export type RetentionBasis = z.infer<typeof RetentionBasis>;

export const RETENTION_BASIS_LABELS: Record<RetentionBasis, string> = {
  'last-visit': 'Years after the last visit',
  majority: 'Years after the age of majority',
  'hipaa-documentation': 'HIPAA documentation (six years)',
};

export const LegalHold = z.strictObject({
  id: Id,
  reason: z.string(),
  placedOn: z.string(),
  placedBy: z.string(),
});
export type LegalHold = z.infer<typeof LegalHold>;

export const RetentionChart = z.strictObject({
  clientId: Id,
  chartNumber: z.string(),
  name: z.string(),
  status: z.string(),
  registeredOn: CalendarDate,
  /** The latest signed note's service date; null: no signed note (registration counts). */
  lastVisitOn: CalendarDate.nullable(),
  dateOfBirth: CalendarDate,
  /** The chart is kept through this date; destruction is possible from the next day. */
  retainUntil: CalendarDate,
  basis: RetentionBasis,
  hold: LegalHold.nullable(),
  /** Why the chart cannot be destroyed today, in words; empty when it can. */
  blockers: z.array(z.string()),
});
export type RetentionChart = z.infer<typeof RetentionChart>;

export const Tombstone = z.strictObject({
  clientId: Id,
  chartNumber: z.string(),
  registeredOn: CalendarDate,
  lastVisitOn: CalendarDate.nullable(),
  retainUntil: CalendarDate,
  rule: z.string(),
  reason: z.string(),
  approvedBy: z.string(),
  destroyedAt: z.string(),
  certificateFolder: z.string(),
  certificateSha256: z.string(),
});
export type Tombstone = z.infer<typeof Tombstone>;

export const RetentionOverview = z.strictObject({
  settings: RetentionSettings,
  today: CalendarDate,
  /** Charts past their retention date, and charts under a legal hold. */
  charts: z.array(RetentionChart),
  tombstones: z.array(Tombstone),
});
export type RetentionOverview = z.infer<typeof RetentionOverview>;

export const PlaceHoldInput = z.strictObject({
  clientId: Id,
  reason: requiredText('Reason for the hold', 500),
});
export const LiftHoldInput = z.strictObject({
  holdId: Id,
  reason: requiredText('Reason for lifting the hold', 500),
});

export const DestroyChartInput = z.strictObject({
  clientId: Id,
  /** Typed by the owner: must equal the chart number. */
  confirmChartNumber: requiredText('Chart number', 40),
  reason: requiredText('Reason for destruction', 500),
});
export type DestroyChartInput = z.input<typeof DestroyChartInput>;

export const DeletionRequestInput = z.strictObject({
  clientId: Id,
  receivedOn: PastOrToday('Date received'),
  requestText: requiredLongText('What the client asked', 4000),
});
export type DeletionRequestInput = z.input<typeof DeletionRequestInput>;

export const DeletionRequest = z.strictObject({
  id: Id,
  clientId: Id,
  receivedOn: CalendarDate,
  dueOn: CalendarDate,
  requestText: z.string(),
  recordedBy: z.string(),
  answeredAt: z.string().nullable(),
  letterFolder: z.string().nullable(),
  /** The rule that applies to this chart today, in words for the answer. */
  ruleText: z.string(),
  retainUntil: CalendarDate,
});
export type DeletionRequest = z.infer<typeof DeletionRequest>;

export const WrittenLetterOutput = z
  .strictObject({ folder: z.string(), manifestSha256: z.string() })
  .nullable();

export const retentionChannels = {
  'retention.getSettings': channel({ input: Empty, output: RetentionSettings, access: ['owner'] }),
  'retention.updateSettings': channel({
    input: RetentionSettingsInput,
    output: RetentionSettings,
    access: ['owner'],
  }),
  'retention.overview': channel({ input: Empty, output: RetentionOverview, access: ['owner'] }),
  'retention.placeHold': channel({ input: PlaceHoldInput, output: LegalHold, access: ['owner'] }),
  'retention.liftHold': channel({ input: LiftHoldInput, output: z.null(), access: ['owner'] }),
  /** Destroys a chart past retention; null when the certificate's folder dialog was cancelled. */
  'retention.destroyChart': channel({
    input: DestroyChartInput,
    output: Tombstone.nullable(),
    access: ['owner'],
  }),
  'retention.recordDeletionRequest': channel({
    input: DeletionRequestInput,
    output: DeletionRequest,
    access: ['owner', 'clinician', 'front_desk'],
  }),
  'retention.deletionRequests': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.array(DeletionRequest),
    access: ['owner', 'clinician', 'front_desk'],
  }),
  /** Writes the answer (the retention rule that applies) as a letter; owner only, as custodian. */
  'retention.answerDeletionRequest': channel({
    input: z.strictObject({ requestId: Id }),
    output: WrittenLetterOutput,
    access: ['owner'],
  }),
} as const;
