// The fields that say who a new staff member is, shared by "Add staff member" (a temporary
// password) and "Invite staff member" (a one-time code): name, username and role; then the
// credentials and license number printed on releases.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field, Select, TextInput } from '../../ui/field.tsx';

type Errors<K extends string> = Partial<Record<K, { message?: string } | undefined>>;

export function StaffIdentityFields({
  inputs,
  errors,
}: {
  inputs: Record<'displayName' | 'username' | 'role', UseFormRegisterReturn>;
  errors: Errors<'displayName' | 'username' | 'role'>;
}) {
  return (
    <>
      <div className="form__row">
        <Field label="Full name" error={errors.displayName?.message}>
          <TextInput {...inputs.displayName} autoComplete="off" data-autofocus />
        </Field>
        <Field label="Username" hint="Letters, digits, dots or dashes." error={errors.username?.message}>
          <TextInput {...inputs.username} autoComplete="off" autoCapitalize="off" spellCheck={false} />
        </Field>
      </div>
      <Field
        label="Role"
        hint="Clinicians see the charts of their own clients. Front desk sees contact and scheduling details, never clinical content."
        error={errors.role?.message}
      >
        <Select {...inputs.role}>
          <option value="">Choose a role…</option>
          <option value="clinician">Clinician</option>
          <option value="front_desk">Front desk</option>
        </Select>
      </Field>
    </>
  );
}

export function StaffCredentialFields({
  inputs,
  errors,
}: {
  inputs: Record<'credentials' | 'licenseNumber', UseFormRegisterReturn>;
  errors: Errors<'credentials' | 'licenseNumber'>;
}) {
  return (
    <div className="form__row">
      <Field label="Credentials" optional hint="e.g. LCSW, PhD" error={errors.credentials?.message}>
        <TextInput {...inputs.credentials} autoComplete="off" />
      </Field>
      <Field label="License number" optional error={errors.licenseNumber?.message}>
        <TextInput {...inputs.licenseNumber} autoComplete="off" />
      </Field>
    </div>
  );
}
