// Taking and tracking a release request: the checks a new request must pass, the list, the request
// page, and the one 30-day extension of a client's access request.
import { z } from 'zod';
import { channel, Id, requiredLongText } from '../common.ts';
import { PastOrToday } from '../clients.ts';
import { ReleaseDetails } from './details.ts';
import {
  ReleaseRecord,
  ReleaseStatus,
  ReleaseSummary,
  releaseRoles,
  RequestRef,
  ReviewQueueItem,
} from './record.ts';

const LAW_ENFORCEMENT_NAME =
  /\b(police|sheriff|law enforcement|district attorney|prosecutor|state patrol|marshal)\b/i;

/** What a request must say when it is taken (stored requests are read without these checks). */
export const CreateReleaseInput = z
  .strictObject({ clientId: Id, details: ReleaseDetails })
  .superRefine(({ details: d }, ctx) => {
    const need = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: ['details', path], message });
    };
    if (d.kind !== 'emergency' && d.verification.method === 'other' && !d.verification.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['details', 'verification', 'note'],
        message: 'Describe how identity and authority were checked.',
      });
    }
    if (d.kind === 'access' && d.requesterIsRepresentative && !d.representativeAuthority) {
      // 45 CFR 164.502(g), 164.514(h): a representative's authority is recorded on every request they make.
      need('representativeAuthority', 'Record the representative’s authority (the document that gives it).');
    }
    if (d.kind !== 'emergency') return;
    if (d.situation === 'medical_emergency') {
      // 42 CFR 2.51(a), (c): only medical personnel treating the emergency; record facility, date and time.
      if (d.recipientRole !== 'medical_personnel' || LAW_ENFORCEMENT_NAME.test(d.recipient.name)) {
        need(
          'recipientRole',
          'A medical-emergency disclosure goes only to the medical personnel treating the emergency (42 CFR 2.51).',
        );
      }
      if (!d.recipientFacility) need('recipientFacility', 'Record the facility of the medical personnel.');
      if (!d.disclosedAt) need('disclosedAt', 'Record the date and time of the disclosure.');
    }
    if (d.situation === 'mandated_report' && !d.statute) {
      need('statute', 'Name the law that requires the report.');
    }
  });
export type CreateReleaseInput = z.input<typeof CreateReleaseInput>;

export const releaseRequestChannels = {
  'releases.list': channel({
    input: z.strictObject({ clientId: Id.optional(), status: ReleaseStatus.optional() }),
    output: z.array(ReleaseSummary),
    access: releaseRoles,
  }),
  /**
   * Requests waiting for the caller's decision (the assigned clinician's, or every one for the
   * owner), overdue and due soon first: the home screen's queue and the sidebar's count.
   */
  'releases.reviewQueue': channel({
    input: z.strictObject({}),
    output: z.array(ReviewQueueItem),
    access: ['owner', 'clinician'],
  }),
  'releases.create': channel({ input: CreateReleaseInput, output: ReleaseRecord, access: releaseRoles }),
  'releases.get': channel({ input: RequestRef, output: ReleaseRecord, access: releaseRoles }),
  'releases.extend': channel({
    input: z.strictObject({
      requestId: Id,
      reason: requiredLongText('Reason for the delay', 1000),
      notifiedOn: PastOrToday('The date the client was told'),
    }),
    output: ReleaseRecord,
    access: releaseRoles,
  }),
} as const;
