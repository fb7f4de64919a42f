// Emergency ("break-glass") access to a chart (issue 21; DESIGN.md section 3, LEGAL.md 2.51): a
// clinician off a client's care team opens the chart read-only for a practice-set number of
// minutes, with a reason; the owner and the client's assigned clinician see each such access on
// their home screen until they acknowledge it. Front desk never breaks the glass.
import { z } from 'zod';
import { CalendarDate } from './clients.ts';
import { channel, Empty, Id, requiredText } from './common.ts';
import { multiLineText } from './text.ts';

export const EmergencyReason = z.enum(['danger', 'covering', 'medical_emergency', 'other'], {
  error: 'Choose the reason for emergency access.',
});
export type EmergencyReason = z.infer<typeof EmergencyReason>;
export const EMERGENCY_REASON_LABELS: Record<EmergencyReason, string> = {
  danger: 'Danger to self or others',
  covering: 'Covering for an absent clinician',
  medical_emergency: 'Medical emergency (42 CFR 2.51)',
  other: 'Other',
};

/** Who may break the glass: a clinician, or the owner acting as one. Never front desk. */
export const emergencyRoles = ['owner', 'clinician'] as const;

/** How long a grant lasts, in minutes (a practice setting; the owner sets it). */
export const EMERGENCY_MINUTES = { min: 15, max: 240, default: 60 } as const;

export const OpenEmergencyInput = z
  .strictObject({
    clientId: Id,
    reason: EmergencyReason,
    /** Required for "other"; for a medical emergency, the nature of the emergency (2.51(c)(4)). */
    details: multiLineText('The reason', 2000).optional(),
    /** 42 CFR 2.51(c): the medical personnel who receive the records, and their facility. */
    recipientName: requiredText('Your name as the recipient', 200).optional(),
    recipientFacility: requiredText('The facility', 200).optional(),
    /** The user confirmed the read-only, audited access. */
    confirmed: z.literal(true, { error: 'Confirm that you need emergency access.' }),
  })
  .superRefine((v, ctx) => {
    const details = v.details?.trim() ?? '';
    if ((v.reason === 'other' || v.reason === 'medical_emergency') && details === '')
      ctx.addIssue({
        code: 'custom',
        path: ['details'],
        message:
          v.reason === 'other'
            ? 'Describe the reason for emergency access.'
            : 'Describe the nature of the medical emergency.',
      });
    if (v.reason === 'medical_emergency') {
      if (!v.recipientName)
        ctx.addIssue({
          code: 'custom',
          path: ['recipientName'],
          message: 'Your name as the recipient is required.',
        });
      if (!v.recipientFacility)
        ctx.addIssue({ code: 'custom', path: ['recipientFacility'], message: 'The facility is required.' });
    }
  });

/**
 * A grant as its holder sees it (the chart's banner): main's clock decides `expiresAt` and
 * `remainingSeconds`. No words about the client (the reason's category only), so polling it is no read.
 */
export const EmergencyGrant = z.strictObject({
  id: Id,
  clientId: Id,
  reason: EmergencyReason,
  startedAt: z.string(),
  expiresAt: z.string(),
  remainingSeconds: z.number().int().min(0),
  /** Part 2 records open under it (a 42 CFR 2.51 medical emergency only). */
  part2: z.boolean(),
});
export type EmergencyGrant = z.infer<typeof EmergencyGrant>;

/** An emergency access as the owner and the assigned clinician see it until they acknowledge it. */
export const EmergencyEvent = z.strictObject({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  chartNumber: z.string(),
  byName: z.string(),
  reason: EmergencyReason,
  details: z.string().nullable(),
  startedAt: z.string(),
  expiresAt: z.string(),
  active: z.boolean(),
});
export type EmergencyEvent = z.infer<typeof EmergencyEvent>;

export const EmergencySettings = z.strictObject({
  minutes: z
    .number({ error: 'Enter a number of minutes.' })
    .int('Enter a whole number of minutes.')
    .min(EMERGENCY_MINUTES.min, `Emergency access lasts at least ${EMERGENCY_MINUTES.min} minutes.`)
    .max(EMERGENCY_MINUTES.max, `Emergency access lasts at most ${EMERGENCY_MINUTES.max} minutes.`),
});
export type EmergencySettings = z.infer<typeof EmergencySettings>;

/**
 * Finding a client off one's caseload to break the glass: both the chart number and the date of
 * birth, exactly (no browsing, no partial match), so a search never shows a clinician a list of
 * other clinicians' clients.
 */
export const FindEmergencyInput = z.strictObject({
  chartNumber: z
    .string({ error: 'Enter the chart number.' })
    .trim()
    .toUpperCase()
    .min(1, 'Enter the chart number.')
    .max(20, 'A chart number is at most 20 characters.')
    .regex(/^SW-\d{1,9}$/, 'A chart number looks like SW-00042.'),
  dateOfBirth: CalendarDate,
});
export type FindEmergencyInput = z.input<typeof FindEmergencyInput>;

/** The one client matching both, named so the clinician confirms it is the right person. */
export const EmergencyCandidate = z.strictObject({
  clientId: Id,
  name: z.string(),
  chartNumber: z.string(),
  dateOfBirth: z.string(),
  /** The caller can open this chart already (care team, or the owner without Part 2 need). */
  alreadyOpen: z.boolean(),
});
export type EmergencyCandidate = z.infer<typeof EmergencyCandidate>;

export const emergencyAccessChannels = {
  /** The client with this chart number and date of birth (both exact), audited; NOT_FOUND otherwise. */
  'emergency.find': channel({
    input: FindEmergencyInput,
    output: EmergencyCandidate,
    access: emergencyRoles,
  }),
  /** Break the glass: opens the chart read-only for the practice's number of minutes. */
  'emergency.open': channel({
    input: OpenEmergencyInput,
    output: EmergencyGrant,
    access: emergencyRoles,
  }),
  /** The caller's grant in force on a client (null: none), with main's remaining time; no PHI. */
  'emergency.status': channel({
    input: z.strictObject({ clientId: Id }),
    output: z.strictObject({
      grant: EmergencyGrant.nullable(),
      /** How long a grant opened now would last (the practice setting), for the dialog to say. */
      minutes: z.number().int(),
      /** When the caller's last grant on this client ended, if none is in force now. */
      endedAt: z.string().nullable(),
    }),
    access: emergencyRoles,
  }),
  /** The emergency accesses the caller (owner, assigned clinician) has not yet acknowledged. */
  'emergency.listUnacknowledged': channel({
    input: Empty,
    output: z.strictObject({ events: z.array(EmergencyEvent) }),
    access: emergencyRoles,
  }),
  /** Per person: the owner's acknowledgement leaves the assigned clinician's flag in place. */
  'emergency.acknowledge': channel({
    input: z.strictObject({ grantId: Id }),
    output: z.null(),
    access: emergencyRoles,
  }),
  'emergency.getSettings': channel({ input: Empty, output: EmergencySettings, access: ['owner'] }),
  'emergency.setSettings': channel({
    input: EmergencySettings,
    output: EmergencySettings,
    access: ['owner'],
  }),
} as const;
