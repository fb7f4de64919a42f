// Staff accounts: the owner adds people, changes roles, deactivates, and resets passwords.
import { z } from 'zod';
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
  licenseNumber: optionalText('Licence number', 50),
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
} as const;
