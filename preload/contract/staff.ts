// Staff accounts: the owner adds people, changes roles, deactivates, resets passwords and sets
// who supervises whom; everyone signed in can read the staff directory.
import { z } from 'zod';
import { StaffRef } from './clients.ts';
import { channel, Empty, Id, optionalText, Password, Role, requiredText, Username } from './common.ts';

export const StaffMember = z.strictObject({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Whether a key slot exists for this person on this computer. */
  canSignIn: z.boolean(),
  credentials: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
  /** An invitation whose one-time code is not redeemed yet: when the code expires (never the code). */
  invitation: z.strictObject({ expiresAt: z.string(), expired: z.boolean() }).nullable(),
  /** The professional will: who receives this clinician's caseload when they leave (null: nobody named). */
  custodian: StaffRef.nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const CreateStaffInput = z.strictObject({
  displayName: requiredText('Name', 100),
  username: Username,
  role: z.enum(['clinician', 'front_desk'], { error: 'Choose clinician or front desk.' }),
  temporaryPassword: Password,
  credentials: optionalText('Credentials', 100),
  licenseNumber: optionalText('License number', 50),
});
export type CreateStaffInput = z.input<typeof CreateStaffInput>;

export const InviteStaffInput = z.strictObject({
  displayName: requiredText('Name', 100),
  username: Username,
  role: z.enum(['clinician', 'front_desk'], { error: 'Choose clinician or front desk.' }),
  credentials: optionalText('Credentials', 100),
  licenseNumber: optionalText('License number', 50),
  /** A clinician's supervisor from the start (their signed notes wait for co-signing). */
  supervisorId: Id.optional(),
});
export type InviteStaffInput = z.input<typeof InviteStaffInput>;

/** A one-time code to hand to the person, shown once; main keeps only its expiry. */
export const InvitationCode = z.strictObject({
  member: StaffMember,
  code: z.string(),
  expiresAt: z.string(),
});

export const DeactivationPlan = z.strictObject({
  /** Clients whose primary clinician this person is. */
  clients: z.number().int(),
  /** Care teams this person is on. */
  careTeams: z.number().int(),
  /** Who may receive the caseload: active clinicians and owners other than this person. */
  receivers: z.array(StaffRef),
  /** The custodian named in the professional will, if still active: preselected, the owner confirms. */
  custodianId: Id.nullable(),
});

export const staffChannels = {
  'staff.list': channel({ input: Empty, output: z.array(StaffMember), access: ['owner'] }),
  'staff.create': channel({ input: CreateStaffInput, output: StaffMember, access: ['owner'] }),
  'staff.changeRole': channel({
    input: z.strictObject({ userId: Id, role: Role }),
    output: StaffMember,
    access: ['owner'],
  }),
  /**
   * Deactivates a person: their clients go to `receiverId` (required when they have any), they leave
   * every care team, their key slot and sessions end; the owner becomes custodian of their
   * psychotherapy notes.
   */
  'staff.deactivate': channel({
    input: z.strictObject({ userId: Id, receiverId: Id.optional() }),
    output: StaffMember,
    access: ['owner'],
  }),
  'staff.deactivationPlan': channel({
    input: z.strictObject({ userId: Id }),
    output: DeactivationPlan,
    access: ['owner'],
  }),
  /** Invites a person: no password; a one-time code (72 hours) they redeem at the sign-in page. */
  'staff.invite': channel({ input: InviteStaffInput, output: InvitationCode, access: ['owner'] }),
  /** A new code for an invitation not yet redeemed (the old code stops working). */
  'staff.reissueInvitation': channel({
    input: z.strictObject({ userId: Id }),
    output: InvitationCode,
    access: ['owner'],
  }),
  /** Withdraws an invitation not yet redeemed: the code stops working and the account is closed. */
  'staff.withdrawInvitation': channel({
    input: z.strictObject({ userId: Id }),
    output: StaffMember,
    access: ['owner'],
  }),
  /** The professional will: names (or clears) the records custodian of a clinician. */
  'staff.setCustodian': channel({
    input: z.strictObject({ clinicianId: Id, custodianId: Id.nullable() }),
    output: StaffMember,
    access: ['owner'],
  }),
  'staff.resetPassword': channel({
    input: z.strictObject({ userId: Id, temporaryPassword: Password }),
    output: StaffMember,
    access: ['owner'],
  }),
  /** Everyone's name and role, for pickers (a clinician, a care-team member). */
  'staff.directory': channel({
    input: Empty,
    output: z.array(
      z.strictObject({ id: Id, displayName: z.string(), role: z.enum(['owner', 'clinician', 'front_desk']) }),
    ),
    access: 'session',
  }),
  /** Who co-signs whose notes (notes.cosignQueue, notes.cosign). */
  'staff.setSupervisor': channel({
    input: z.strictObject({ superviseeId: Id, supervisorId: Id.nullable() }),
    output: z.strictObject({ superviseeId: Id, supervisor: StaffRef.nullable() }),
    access: ['owner'],
  }),
  'staff.supervision': channel({
    input: Empty,
    output: z.array(z.strictObject({ supervisee: StaffRef, supervisor: StaffRef })),
    access: ['owner'],
  }),
} as const;
