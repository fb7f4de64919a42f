// Change one's own password: current, new, and the new one again. Used by the forced change
// after a temporary password and by Settings.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ChangePasswordInput, type SessionInfo } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, PasswordInput } from '../../ui/field.tsx';
import { confirmingNewPassword } from './new-password-fields.tsx';
import { NEW_PASSWORD_HINT } from './password-hint.ts';
import { ProblemBanner } from '../../ui/problem-banner.tsx';

const ChangePasswordForm = confirmingNewPassword(ChangePasswordInput);
type Values = z.input<typeof ChangePasswordForm>;
type Parsed = z.output<typeof ChangePasswordForm>;

const EMPTY: Values = { currentPassword: '', newPassword: '', confirmPassword: '' };

export interface ChangePasswordProps {
  currentLabel: string;
  submitLabel: string;
  onChanged: (session: SessionInfo) => void;
  /** Extra buttons beside the submit button (e.g. Sign out). */
  secondary?: ReactNode;
  autoFocus?: boolean;
  /** Show a "Password changed" confirmation after success (Settings). */
  confirmOnSuccess?: boolean;
}

export function ChangePasswordFormView({
  currentLabel,
  submitLabel,
  onChanged,
  secondary,
  autoFocus = false,
  confirmOnSuccess = false,
}: ChangePasswordProps) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(ChangePasswordForm),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Parsed) =>
      call('auth.changePassword', { currentPassword, newPassword }),
    onSuccess: (session) => {
      form.reset(EMPTY);
      if (confirmOnSuccess) setDone(true);
      onChanged(session);
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: ['currentPassword', 'newPassword', 'confirmPassword'],
          codeFields: { WEAK_PASSWORD: 'newPassword' },
        }),
      );
    },
  });

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setDone(false);
          change.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {done && (
        <Banner tone="success" live>
          Your password was changed. Use the new one the next time you sign in.
        </Banner>
      )}
      <Field label={currentLabel} error={errors.currentPassword?.message}>
        <PasswordInput
          {...form.register('currentPassword')}
          autoComplete="current-password"
          autoFocus={autoFocus}
        />
      </Field>
      <Field label="New password" hint={NEW_PASSWORD_HINT} error={errors.newPassword?.message}>
        <PasswordInput {...form.register('newPassword')} autoComplete="new-password" />
      </Field>
      <Field label="Confirm new password" error={errors.confirmPassword?.message}>
        <PasswordInput {...form.register('confirmPassword')} autoComplete="new-password" />
      </Field>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={change.isPending}>
          {submitLabel}
        </Button>
        {secondary}
      </div>
    </form>
  );
}
