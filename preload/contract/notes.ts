// Session notes: progress notes (SOAP, DAP, BIRP, free form) and psychotherapy notes, drafts
// that save as they are typed, signing, addenda, co-signature, the chart timeline and search.
import { z } from 'zod';
import {
  channel,
  Empty,
  Id,
  multiLineText,
  Nothing,
  optionalLongText,
  optionalText,
  plainText,
  type FieldIssue,
} from './common.ts';
import { CalendarDate, ClientRecord, StaffRef } from './clients.ts';
import {
  AddressedDiagnosis,
  addressedDiagnosisIds,
  GoalMarkRecord,
  goalMarks,
  NoteLinkOptions,
} from './note-links.ts';
import { NoteTemplateVersion, type TemplateSection } from './note-templates.ts';

export const NoteKind = z.enum(['progress', 'psychotherapy']);
export type NoteKind = z.infer<typeof NoteKind>;
export const BuiltInTemplate = z.enum(['soap', 'dap', 'birp', 'free']);
export type BuiltInTemplate = z.infer<typeof BuiltInTemplate>;
/** 'custom': one of the practice's own templates, in the version the note names (templateVersionId). */
export const Template = z.enum([...BuiltInTemplate.options, 'custom']);
export type Template = z.infer<typeof Template>;

export const TEMPLATES: Record<
  BuiltInTemplate,
  { label: string; sections: readonly { key: string; label: string }[] }
> = {
  soap: {
    label: 'SOAP',
    sections: [
      { key: 'subjective', label: 'Subjective' },
      { key: 'objective', label: 'Objective' },
      { key: 'assessment', label: 'Assessment' },
      { key: 'plan', label: 'Plan' },
    ],
  },
  dap: {
    label: 'DAP',
    sections: [
      { key: 'data', label: 'Data' },
      { key: 'assessment', label: 'Assessment' },
      { key: 'plan', label: 'Plan' },
    ],
  },
  birp: {
    label: 'BIRP',
    sections: [
      { key: 'behavior', label: 'Behavior' },
      { key: 'intervention', label: 'Intervention' },
      { key: 'response', label: 'Response' },
      { key: 'plan', label: 'Plan' },
    ],
  },
  free: {
    label: 'Free form',
    sections: [
      { key: 'note', label: 'Note' },
      { key: 'plan', label: 'Plan' },
    ],
  },
};

/** A note's sections as the editor, the view, the print and a release label them. */
export interface NoteLayout {
  label: string;
  sections: readonly (Omit<TemplateSection, 'key'> & { key: string })[];
}

/**
 * The one answer to "which sections does this note have": a built-in template's (each required),
 * or the practice template version the note was written in. Used by the signing check below, so a
 * note is checked against its own version, and by everything that labels a note's sections.
 */
export function noteLayout(n: {
  template: Template;
  templateVersion?: Pick<NoteTemplateVersion, 'name' | 'sections'> | null;
}): NoteLayout {
  if (n.template !== 'custom') {
    const t = TEMPLATES[n.template];
    return { label: t.label, sections: t.sections.map((s) => ({ ...s, required: true, help: '' })) };
  }
  return n.templateVersion
    ? { label: n.templateVersion.name, sections: n.templateVersion.sections }
    : { label: 'Practice template', sections: [] };
}

export const SERVICE_CODES = {
  '90791': 'Psychiatric diagnostic evaluation',
  '90832': 'Psychotherapy, 30 minutes',
  '90834': 'Psychotherapy, 45 minutes',
  '90837': 'Psychotherapy, 60 minutes',
  '90846': 'Family psychotherapy without the patient',
  '90847': 'Family psychotherapy with the patient',
  '90853': 'Group psychotherapy',
} as const;
export const ServiceCode = z.enum(
  Object.keys(SERVICE_CODES) as [keyof typeof SERVICE_CODES, ...(keyof typeof SERVICE_CODES)[]],
  {
    error: 'Choose a service code.',
  },
);

export const Modality = z.enum(['in_person', 'video', 'phone'], {
  error: 'Choose how the session took place.',
});
export const MODALITY_LABELS: Record<z.infer<typeof Modality>, string> = {
  in_person: 'In person',
  video: 'Video',
  phone: 'Phone',
};
export const NoteRisk = z.enum(['none', 'low', 'moderate', 'high'], { error: 'Record the risk assessment.' });

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM (24-hour).');
const SECTION_MAX = 20_000;

/** Whole minutes from start to end on the same day; null if either is missing or end is not after start. */
export function durationMinutes(start?: string | null, end?: string | null): number | null {
  if (!start || !end) return null;
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const d = m(end) - m(start);
  return d > 0 ? d : null;
}

/** A draft as it is typed: only what identifies it is required; the rest is checked at signing. */
export const NoteDraftInput = z.strictObject({
  noteId: Id.optional(),
  clientId: Id,
  kind: NoteKind,
  template: Template,
  /** The practice template version of a 'custom' note; none for a built-in template. */
  templateVersionId: Id.optional(),
  serviceDate: CalendarDate,
  startTime: z.preprocess((v) => (v === '' ? undefined : v), Time.optional()),
  endTime: z.preprocess((v) => (v === '' ? undefined : v), Time.optional()),
  serviceCode: z.preprocess((v) => (v === '' ? undefined : v), ServiceCode.optional()),
  modality: z.preprocess((v) => (v === '' ? undefined : v), Modality.optional()),
  location: optionalText('Location', 200),
  participants: optionalText('Participants', 500),
  riskLevel: z.preprocess((v) => (v === '' ? undefined : v), NoteRisk.optional()),
  riskPlan: optionalLongText('Risk plan', SECTION_MAX),
  sections: z.record(
    z.string().regex(/^[a-z]{2,20}$/),
    // Saved as it is typed: not trimmed, so a trailing space survives the next keystroke.
    multiLineText('A section', SECTION_MAX, { trim: false }),
  ),
  /** This note is substance-use information of the practice's 42 CFR Part 2 program. */
  part2: z.boolean(),
  /** Progress notes: the client's diagnoses this session addressed (absent: not chosen yet). */
  addressedDiagnosisIds: addressedDiagnosisIds.optional(),
  /** Progress notes: the goals and objectives of the client's signed plan this session addressed. */
  goalMarks: goalMarks.optional(),
});
export type NoteDraftInput = z.input<typeof NoteDraftInput>;
type DraftValues = z.output<typeof NoteDraftInput>;

/**
 * What a note needs before it can be signed. Shared: main refuses to sign without it, and the
 * editor shows the same list. A note in a practice template passes its version's sections
 * (`templateVersion`): the required ones are those of the version the note was started in.
 */
export function signingIssues(
  n: Omit<DraftValues, 'noteId' | 'clientId'> & {
    templateVersion?: Pick<NoteTemplateVersion, 'name' | 'sections'> | null;
  },
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const need = (path: string, message: string) => issues.push({ path, message });
  if (n.serviceDate > today) need('serviceDate', 'The service date cannot be in the future.');
  const layout = noteLayout(n);
  if (n.template === 'custom' && !n.templateVersion) need('template', 'Choose a template.');
  for (const s of layout.sections) {
    if (s.required && !n.sections[s.key]?.trim()) {
      need(`sections.${s.key}`, `${s.label} is required before signing.`);
    }
  }
  const unknown = Object.keys(n.sections).filter((k) => !layout.sections.some((s) => s.key === k));
  for (const k of unknown) need(`sections.${k}`, 'This section is not part of the chosen template.');
  if (n.kind === 'progress') {
    if (!n.startTime) need('startTime', 'Enter the start time.');
    if (!n.endTime) need('endTime', 'Enter the end time.');
    if (n.startTime && n.endTime && durationMinutes(n.startTime, n.endTime) === null) {
      need('endTime', 'The session must end after it starts.');
    }
    if (!n.serviceCode) need('serviceCode', 'Choose a service code.');
    if (!n.modality) need('modality', 'Choose how the session took place.');
    if (!n.riskLevel) need('riskLevel', 'Record the risk assessment.');
    if ((n.riskLevel === 'moderate' || n.riskLevel === 'high') && !n.riskPlan?.trim()) {
      need('riskPlan', 'Moderate or high risk needs a plan.');
    }
  }
  return issues;
}

export const Integrity = z.enum(['ok', 'tampered', 'unsigned']);

export const NoteRecord = z.strictObject({
  id: Id,
  clientId: Id,
  author: StaffRef,
  kind: NoteKind,
  template: Template,
  /** The practice template version a 'custom' note was written in (its labels, required, help). */
  templateVersion: NoteTemplateVersion.nullable(),
  serviceDate: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  serviceCode: z.string().nullable(),
  modality: z.string().nullable(),
  location: z.string().nullable(),
  participants: z.string().nullable(),
  riskLevel: z.string().nullable(),
  riskPlan: z.string().nullable(),
  sections: z.record(z.string(), z.string()),
  part2: z.boolean(),
  /**
   * What the note addressed: a signed note's copy taken at signing (a note of March shows March's
   * diagnoses), a draft's as last saved; null: nothing (or a note older than issue 20).
   */
  addressedDiagnoses: z.array(AddressedDiagnosis).nullable(),
  goalProgress: z.array(GoalMarkRecord).nullable(),
  status: z.enum(['draft', 'signed']),
  signedAt: z.string().nullable(),
  contentHash: z.string().nullable(),
  /** Recomputed from the stored content on every read: "tampered" means the row changed after signing. */
  integrity: Integrity,
  cosign: z.strictObject({
    requiredFrom: StaffRef.nullable(),
    cosignedBy: StaffRef.nullable(),
    cosignedAt: z.string().nullable(),
  }),
  addenda: z.array(
    z.strictObject({
      id: Id,
      author: StaffRef,
      text: z.string(),
      signedAt: z.string(),
      integrity: Integrity,
    }),
  ),
  updatedAt: z.string(),
  /** Whether the signed-in user may edit (draft, author) or add an addendum. */
  canEdit: z.boolean(),
  canAmend: z.boolean(),
});
export type NoteRecord = z.infer<typeof NoteRecord>;

export const NoteSummary = z.strictObject({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  kind: NoteKind,
  template: Template,
  /** "SOAP", or the practice template's name in the note's own version. */
  templateLabel: z.string(),
  serviceDate: z.string(),
  serviceCode: z.string().nullable(),
  status: z.enum(['draft', 'signed']),
  author: StaffRef,
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
});
export type NoteSummary = z.infer<typeof NoteSummary>;

export const TimelineEntry = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('note'),
    date: z.string(),
    noteId: Id,
    kind: NoteKind,
    template: Template,
    /** "SOAP", or the practice template's name in the note's own version. */
    templateLabel: z.string(),
    status: z.enum(['draft', 'signed']),
    serviceCode: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    riskLevel: z.string().nullable(),
    author: StaffRef,
    addenda: z.number().int(),
    cosigned: z.boolean(),
    /** What the note addressed, as stored (empty: nothing); "tampered": changed after signing. */
    addressedDiagnoses: z.array(AddressedDiagnosis),
    goalProgress: z.array(GoalMarkRecord),
    integrity: Integrity,
  }),
  // What front desk sees of a session: that it took place, when, with whom, and its code.
  z.strictObject({
    type: z.literal('session'),
    date: z.string(),
    clinician: StaffRef,
    serviceCode: z.string().nullable(),
  }),
  z.strictObject({
    type: z.literal('intake'),
    date: z.string(),
    status: z.enum(['in_progress', 'completed']),
  }),
  z.strictObject({
    type: z.literal('screening'),
    date: z.string(),
    instrument: z.enum(['phq9', 'gad7']),
    total: z.number().int(),
    severity: z.string(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const SnippetPart = z.strictObject({ text: z.string(), hit: z.boolean() });

export const SearchHit = z.strictObject({
  noteId: Id,
  clientId: Id,
  clientName: z.string(),
  serviceDate: z.string(),
  kind: NoteKind,
  status: z.enum(['draft', 'signed']),
  author: StaffRef,
  /** The matching passage, split into plain and highlighted parts (never HTML). */
  snippet: z.array(SnippetPart),
});
export type SearchHit = z.infer<typeof SearchHit>;

const NoteRef = z.strictObject({ noteId: Id });

export const noteChannels = {
  'notes.saveDraft': channel({
    input: NoteDraftInput,
    output: z.strictObject({ noteId: Id, savedAt: z.string() }),
    access: ['owner', 'clinician'],
    duringLock: true,
  }),
  'notes.get': channel({ input: NoteRef, output: NoteRecord, access: ['owner', 'clinician'] }),
  /** What a progress note of this client can address: its current diagnoses and signed plan. */
  'notes.linkOptions': channel({
    input: z.strictObject({ clientId: Id }),
    output: NoteLinkOptions,
    access: ['owner', 'clinician'],
  }),
  'notes.sign': channel({
    input: z.strictObject({
      noteId: Id,
      /**
       * The signer saw the service-code mismatch (serviceCodeMismatch) for exactly this code and
       * length and signs anyway; without it main refuses a mismatch. Recorded in the audit entry.
       */
      confirmedMismatch: z
        .strictObject({
          serviceCode: z.string().regex(/^[0-9A-Z]{5}$/, 'Not a service code.'),
          durationMinutes: z.number().int().min(0).max(1440).nullable(),
        })
        .optional(),
    }),
    output: NoteRecord,
    access: ['owner', 'clinician'],
  }),
  /** The note as notes.get returns it, for a paper copy; audited as a print, not a view. */
  'notes.print': channel({ input: NoteRef, output: NoteRecord, access: ['owner', 'clinician'] }),
  'notes.discardDraft': channel({ input: NoteRef, output: Nothing, access: ['owner', 'clinician'] }),
  'notes.addAddendum': channel({
    input: z.strictObject({
      noteId: Id,
      text: multiLineText('The addendum', SECTION_MAX).min(1, 'Write the addendum.'),
    }),
    output: NoteRecord,
    access: ['owner', 'clinician'],
  }),
  'notes.myDrafts': channel({ input: Empty, output: z.array(NoteSummary), access: ['owner', 'clinician'] }),
  'notes.timeline': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.array(TimelineEntry),
    access: 'session',
  }),
  'notes.search': channel({
    input: z.strictObject({
      query: z
        .string()
        .trim()
        .min(1, 'Type something to search for.')
        .max(200, 'Search text is too long.')
        .superRefine(plainText('Search text')),
      clientId: Id.optional(),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    output: z.array(SearchHit),
    access: ['owner', 'clinician'],
  }),
  'notes.cosignQueue': channel({
    input: Empty,
    output: z.array(NoteSummary),
    access: ['owner', 'clinician'],
  }),
  'notes.cosign': channel({ input: NoteRef, output: NoteRecord, access: ['owner', 'clinician'] }),
  /**
   * The chart summary for a paper copy: the chart as clients.get returns it and the timeline as
   * notes.timeline returns it to this reader, audited as one print of the chart.
   */
  'notes.printChartSummary': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.strictObject({ client: ClientRecord, timeline: z.array(TimelineEntry) }),
    access: 'session',
  }),
} as const;
