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

export const staffChannels = {
  'staff.list': channel({ input: Empty, output: z.array(StaffMember), access: ['owner'] }),
  'staff.create': channel({ input: CreateStaffInput, output: StaffMember, access: ['owner'] }),
  'staff.changeRole': channel({
    input: z.strictObject({ userId: Id, role: Role }),
    output: StaffMember,
    access: ['owner'],
  }),
  'staff.deactivate': channel({
    input: z.strictObject({ userId: Id }),
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
