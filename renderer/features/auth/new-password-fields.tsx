// A new password typed twice: the form schema that checks the two agree, and the pair of fields
// (with the strength advice) that sign-in recovery, one-time codes and restore share.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import { Field, PasswordInput } from '../../ui/field.tsx';
import { NEW_PASSWORD_HINT, PASSWORDS_DO_NOT_MATCH } from './password-hint.ts';

/** Adds `confirmPassword` to a contract input that has `newPassword`, refusing a mismatch on it. */
export function confirmingNewPassword<Shape extends { newPassword: z.ZodType<string> }>(
  input: z.ZodObject<Shape>,
) {
  // zod cannot see through the generic shape, so the two fields are named for the comparison.
  return input.extend({ confirmPassword: z.string() }).refine(
    (v) => {
      const { newPassword, confirmPassword } = v as { newPassword: string; confirmPassword: string };
      return newPassword === confirmPassword;
    },
    { path: ['confirmPassword'], error: PASSWORDS_DO_NOT_MATCH },
  );
}

export function NewPasswordFields(props: {
  newPassword: UseFormRegisterReturn;
  confirmPassword: UseFormRegisterReturn;
  errors: { newPassword?: string | undefined; confirmPassword?: string | undefined };
}) {
  return (
    <div className="form__row">
      <Field label="New password" hint={NEW_PASSWORD_HINT} error={props.errors.newPassword}>
        <PasswordInput {...props.newPassword} autoComplete="new-password" />
      </Field>
      <Field label="Confirm new password" error={props.errors.confirmPassword}>
        <PasswordInput {...props.confirmPassword} autoComplete="new-password" />
      </Field>
    </div>
  );
}
