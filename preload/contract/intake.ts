// The clinical side of a chart: intake, consents with signatures, PHQ-9/GAD-7 screenings.
// Clinicians on the care team and the owner only; front desk never sees any of it.
import { z } from 'zod';
import { channel, Id, optionalLongText, optionalText, requiredText } from './common.ts';
import { Phone, PastOrToday } from './clients.ts';
import { ANSWER_LABELS, DIFFICULTY_LABELS, Instrument, INSTRUMENTS, Severity } from './screening.ts';

const longText = (label: string) => optionalLongText(label, 10_000);

export const RiskLevel = z.enum(['low', 'moderate', 'high'], { error: 'Choose the risk level.' });
export const SuicidalIdeation = z.enum(['none', 'passive', 'active'], { error: 'Record suicidal ideation.' });

export const RiskScreening = z
  .strictObject({
    suicidalIdeation: SuicidalIdeation,
    suicidePlan: z.boolean(),
    suicideIntent: z.boolean(),
    accessToMeans: z.boolean(),
    selfHarmHistory: z.boolean(),
    homicidalIdeation: z.boolean(),
    protectiveFactors: longText('Protective factors'),
    level: RiskLevel,
    safetyPlan: longText('Safety plan'),
  })
  .refine((r) => r.level === 'low' || !!r.safetyPlan, {
    path: ['safetyPlan'],
    error: 'Moderate or high risk needs a safety plan.',
  });
export type RiskScreening = z.infer<typeof RiskScreening>;

const intakeFields = {
  clientId: Id,
  presentingConcern: longText('Presenting concern'),
  psychiatricHistory: longText('Psychiatric history'),
  medicalHistory: longText('Medical history'),
  medications: longText('Medications'),
  pcpName: optionalText('Primary care provider', 120),
  pcpPhone: z.preprocess((v) => (v === '' ? undefined : v), Phone.optional()),
  substanceUse: longText('Substance use'),
  /** The substance-use section is a record of the practice's 42 CFR Part 2 program. */
  substanceUsePart2: z.boolean(),
  risk: RiskScreening,
};

export const IntakeInput = z.strictObject(intakeFields);
export type IntakeInput = z.input<typeof IntakeInput>;

export const IntakeRecord = z.strictObject({
  clientId: Id,
  presentingConcern: z.string().nullable(),
  psychiatricHistory: z.string().nullable(),
  medicalHistory: z.string().nullable(),
  medications: z.string().nullable(),
  pcpName: z.string().nullable(),
  pcpPhone: z.string().nullable(),
  substanceUse: z.string().nullable(),
  substanceUsePart2: z.boolean(),
  risk: z.strictObject({
    suicidalIdeation: SuicidalIdeation,
    suicidePlan: z.boolean(),
    suicideIntent: z.boolean(),
    accessToMeans: z.boolean(),
    selfHarmHistory: z.boolean(),
    homicidalIdeation: z.boolean(),
    protectiveFactors: z.string().nullable(),
    level: RiskLevel,
    safetyPlan: z.string().nullable(),
  }),
  status: z.enum(['in_progress', 'completed']),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type IntakeRecord = z.infer<typeof IntakeRecord>;

export const ConsentKind = z.enum(['treatment', 'privacy_notice', 'telehealth', 'communications'], {
  error: 'Choose which consent this is.',
});
export type ConsentKind = z.infer<typeof ConsentKind>;
export const CONSENT_LABELS: Record<ConsentKind, string> = {
  treatment: 'Consent to treatment',
  privacy_notice: 'Notice of privacy practices acknowledged',
  telehealth: 'Telehealth consent',
  communications: 'Communications consent',
};

export const SignerRole = z.enum(['client', 'guardian', 'parent', 'representative'], {
  error: 'Who signed?',
});
export type SignerRole = z.infer<typeof SignerRole>;

export const Signature = z
  .strictObject({
    signerName: requiredText('Signer name', 120),
    signerRole: SignerRole,
    /** Relationship or legal authority (45 CFR 164.508(c)(1)(vi) for representatives). */
    authority: optionalText('Relationship or legal authority', 200),
    signedOn: PastOrToday('The signature date'),
    witnessName: optionalText('Witness', 120),
  })
  .refine((s) => s.signerRole === 'client' || !!s.authority, {
    path: ['authority'],
    error: 'Record the signer’s relationship or legal authority.',
  });

/**
 * Who consented to this care (45 CFR 164.502(g), LEGAL.md "Minors"). For a minor, a parent or
 * guardian acts for them except where the minor lawfully consented alone (state law), a court
 * authorized the care, or a parent agreed to confidentiality: that care is the minor's to control,
 * recorded per consent (episode of care), never per chart.
 */
export const ConsentBasis = z.enum(
  ['client', 'guardian', 'minor_alone', 'court', 'confidentiality_agreement'],
  {
    error: 'Choose who consented.',
  },
);
export type ConsentBasis = z.infer<typeof ConsentBasis>;
export const CONSENT_BASIS_LABELS: Record<ConsentBasis, string> = {
  client: 'The client (an adult)',
  guardian: 'A parent, guardian or representative',
  minor_alone: 'The minor alone, as state law allows',
  court: 'A court authorized the care',
  confidentiality_agreement: 'The parent agreed to keep this care confidential',
};
/** 164.502(g)(3): for care on these bases the guardian does not act for the minor. */
export const CONFIDENTIAL_FROM_GUARDIAN: readonly ConsentBasis[] = [
  'minor_alone',
  'court',
  'confidentiality_agreement',
];

export const ConsentInput = z
  .strictObject({
    clientId: Id,
    kind: ConsentKind,
    givenOn: PastOrToday('The consent date'),
    basis: ConsentBasis,
    legalBasis: optionalLongText('Legal basis', 500),
    notes: optionalLongText('Notes', 2000),
    signatures: z.array(Signature).min(1, 'Add at least one signature.').max(4, 'At most four signatures.'),
  })
  .superRefine((c, ctx) => {
    const need = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (c.basis === 'minor_alone' && !c.legalBasis)
      need('legalBasis', 'Record the state law that lets the minor consent alone.');
    if (c.basis === 'court' && !c.legalBasis) need('legalBasis', 'Record the court order.');
    if (c.basis === 'confidentiality_agreement' && !c.legalBasis)
      need('legalBasis', 'Record the parent’s agreement to confidentiality.');
    if (c.basis === 'minor_alone' && !c.signatures.some((s) => s.signerRole === 'client'))
      need('signatures', 'A minor consenting alone signs themselves.');
    if (
      (c.basis === 'guardian' || c.basis === 'confidentiality_agreement') &&
      !c.signatures.some((s) => s.signerRole !== 'client')
    )
      need('signatures', 'Add the parent’s, guardian’s or representative’s signature.');
  });
export type ConsentInput = z.input<typeof ConsentInput>;

export const ConsentRecord = z.strictObject({
  id: Id,
  kind: ConsentKind,
  givenOn: z.string(),
  basis: ConsentBasis.nullable(),
  /** Care on this consent is the minor's to control: never released to or on the authority of a guardian. */
  confidentialFromGuardian: z.boolean(),
  legalBasis: z.string().nullable(),
  notes: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  signatures: z.array(
    z.strictObject({
      signerName: z.string(),
      signerRole: SignerRole,
      authority: z.string().nullable(),
      signedOn: z.string(),
      witnessName: z.string().nullable(),
    }),
  ),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

const answer = z
  .number()
  .int()
  .min(0, 'Choose an answer.')
  .max(ANSWER_LABELS.length - 1);

export const ScreeningInput = z
  .strictObject({
    clientId: Id,
    instrument: Instrument,
    administeredOn: PastOrToday('The date given'),
    items: z.array(answer).min(7).max(9),
    difficulty: z
      .number()
      .int()
      .min(0)
      .max(DIFFICULTY_LABELS.length - 1)
      .optional(),
    context: z.enum(['intake', 'follow_up']),
  })
  .refine((s) => s.items.length === INSTRUMENTS[s.instrument].items.length, {
    path: ['items'],
    error: 'Answer every item.',
  });
export type ScreeningInput = z.input<typeof ScreeningInput>;

export const ScreeningRecord = z.strictObject({
  id: Id,
  instrument: Instrument,
  administeredOn: z.string(),
  items: z.array(z.number().int()),
  total: z.number().int(),
  severity: Severity,
  item9Positive: z.boolean(),
  difficulty: z.number().int().nullable(),
  context: z.enum(['intake', 'follow_up']),
  administeredBy: z.string(),
});
export type ScreeningRecord = z.infer<typeof ScreeningRecord>;

const ClientRef = z.strictObject({ clientId: Id });

export const intakeChannels = {
  'intake.get': channel({
    input: ClientRef,
    output: z.strictObject({ intake: IntakeRecord.nullable(), consents: z.array(ConsentRecord) }),
    access: ['owner', 'clinician'],
  }),
  'intake.save': channel({ input: IntakeInput, output: IntakeRecord, access: ['owner', 'clinician'] }),
  'intake.complete': channel({ input: ClientRef, output: IntakeRecord, access: ['owner', 'clinician'] }),
  'consents.record': channel({ input: ConsentInput, output: ConsentRecord, access: ['owner', 'clinician'] }),
  'screenings.record': channel({
    input: ScreeningInput,
    output: ScreeningRecord,
    access: ['owner', 'clinician'],
  }),
  'screenings.list': channel({
    input: ClientRef,
    output: z.array(ScreeningRecord),
    access: ['owner', 'clinician'],
  }),
} as const;
