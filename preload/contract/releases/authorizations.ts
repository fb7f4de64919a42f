// The authorizations (45 CFR 164.508) and Part 2 consents (42 CFR 2.31) that make a third-party
// release lawful: the form's required elements, entering one with its scan, and its revocation.
import { z } from 'zod';
import { channel, Id, optionalText, requiredLongText, requiredText } from '../common.ts';
import { CalendarDate, PastOrToday } from '../clients.ts';
import { AuthorizationType, RecordType, ReleaseRecord, releaseRoles, RequestRef } from './record.ts';

/** Must be checked true: the form carries the statement (45 CFR 164.508(c)(2)). */
const statement = (message: string) => z.literal(true, { error: message });

/** The form's fields as stored with the authorization (main reads them back through this schema). */
export const AuthorizationFields = z.strictObject({
  // (c)(1)(i) a specific and meaningful description of the information: the kinds of record it
  // covers (checked against every selection) and, optionally, the period, plus the form's words.
  recordTypes: z
    .array(RecordType)
    .min(1, 'Choose the kinds of record the authorization covers.')
    .max(RecordType.options.length),
  recordsFrom: z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional()),
  recordsTo: z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional()),
  description: requiredLongText('Description of the information', 1000),
  // (c)(1)(ii) who may disclose
  disclosingParty: requiredText('Who may disclose', 300),
  // (c)(1)(iii) who may receive
  recipientName: requiredText('Who may receive it', 200),
  recipientAddress: optionalText('Recipient address', 500),
  // (c)(1)(iv) each purpose
  purpose: requiredText('Purpose', 500),
  // (c)(1)(v) an expiry date or event
  expiresOn: z.preprocess((v) => (v === '' ? undefined : v), CalendarDate.optional()),
  expiryEvent: optionalText('Expiry event', 300),
  // (c)(1)(vi) signature and date; a representative's authority
  signedBy: requiredText('Signed by', 200),
  signedOn: PastOrToday('The signature date'),
  signerIsRepresentative: z.boolean(),
  representativeAuthority: optionalText('Representative’s authority', 300),
  // (c)(2) required statements
  rightToRevokeStatement: statement('The form must state the right to revoke in writing.'),
  conditioningStatement: statement('The form must state whether treatment can be conditioned on signing.'),
  redisclosureStatement: statement('The form must state that the information may be redisclosed.'),
  // 42 CFR 2.31 (Part 2 consents): the description says it is substance-use information, and how to revoke.
  substanceUseDescribed: z.boolean().optional(),
  howToRevoke: optionalText('How to revoke', 500),
  patientName: optionalText('Patient name', 200),
});
export type AuthorizationFields = z.output<typeof AuthorizationFields>;

/**
 * An authorization under 45 CFR 164.508(c), or a consent under 42 CFR 2.31. Every core element
 * and required statement is required; a missing one refuses the whole form.
 */
export const AuthorizationInput = z
  .strictObject({
    requestId: Id,
    type: AuthorizationType,
    ...AuthorizationFields.shape,
    attachment: z
      .strictObject({
        name: requiredText('File name', 200),
        type: z.enum(['application/pdf', 'image/png', 'image/jpeg'], {
          error: 'Attach a PDF, PNG or JPEG scan.',
        }),
        base64: z
          .base64({ error: 'The attached file could not be read.' })
          .max(14_000_000, 'The scan must be 10 MB or smaller.'),
      })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const need = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (!a.expiresOn && !a.expiryEvent) need('expiresOn', 'Give an expiry date or an expiry event.');
    if (a.expiresOn && a.expiresOn < a.signedOn)
      need('expiresOn', 'The expiry date is before the signature.');
    if (a.signerIsRepresentative && !a.representativeAuthority) {
      need('representativeAuthority', 'Describe the representative’s authority to act for the client.');
    }
    if (a.recordsFrom && a.recordsTo && a.recordsTo < a.recordsFrom)
      need('recordsTo', 'The end of the period is before its start.');
    // 164.508(b)(3)(ii): a psychotherapy-notes authorization covers psychotherapy notes and nothing else;
    // LEGAL.md: other wording never covers them.
    const pn = a.recordTypes.includes('psychotherapy_notes');
    if (a.type === 'psychotherapy_notes' && (!pn || a.recordTypes.length > 1)) {
      need(
        'recordTypes',
        'A psychotherapy-notes authorization covers psychotherapy notes only; record other records on another authorization.',
      );
    }
    if (a.type !== 'psychotherapy_notes' && pn) {
      need('recordTypes', 'Psychotherapy notes need an authorization of their own.');
    }
    if (a.type === 'part2') {
      if (!a.substanceUseDescribed)
        need('substanceUseDescribed', 'A Part 2 consent must say it covers substance-use information.');
      if (!a.howToRevoke) need('howToRevoke', 'A Part 2 consent must say how to revoke it.');
      if (!a.patientName) need('patientName', 'A Part 2 consent names the patient.');
    }
  });
export type AuthorizationInput = z.input<typeof AuthorizationInput>;

export const releaseAuthorizationChannels = {
  'releases.addAuthorization': channel({
    input: AuthorizationInput,
    output: ReleaseRecord,
    access: releaseRoles,
  }),
  'releases.authorize': channel({ input: RequestRef, output: ReleaseRecord, access: releaseRoles }),
  'releases.revokeAuthorization': channel({
    input: z.strictObject({
      authorizationId: Id,
      revokedOn: PastOrToday('The revocation date'),
      note: optionalText('Note', 500),
    }),
    output: ReleaseRecord,
    access: releaseRoles,
  }),
} as const;
