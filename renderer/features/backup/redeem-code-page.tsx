// Sign in with a one-time code from the owner (after the practice was restored on a new computer):
// username, code and a new password (backup.redeemSignInCode). The code is used up; the person is
// signed in with their new password set.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { RedeemCodeInput } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { AuthLayout } from '../auth/auth-layout.tsx';
import { confirmingNewPassword, NewPasswordFields } from '../auth/new-password-fields.tsx';

const RedeemForm = confirmingNewPassword(RedeemCodeInput);
type Values = z.input<typeof RedeemForm>;
type Parsed = z.output<typeof RedeemForm>;

export function RedeemCodePage({ onBack }: { onBack: () => void }) {
  const { state, enter } = useSession();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(RedeemForm),
    defaultValues: { username: '', code: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;

  const redeem = useMutation({
    mutationFn: ({ username, code, newPassword }: Parsed) =>
      call('backup.redeemSignInCode', { username, code, newPassword }),
    onSuccess: (session) => {
      enter(session);
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: ['username', 'code', 'newPassword', 'confirmPassword'],
          codeFields: { WEAK_PASSWORD: 'newPassword', INVALID_CREDENTIALS: 'code' },
        }),
      );
    },
  });

  return (
    <AuthLayout
      eyebrow={state.practiceName}
      title="Sign in with a one-time code"
      wide
      lead={
        <p>
          The practice owner gives you this code after Stillwater was moved to this computer. It works once:
          enter it with your username and choose a new password.
        </p>
      }
    >
      <ProblemBanner problem={problem} />
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          void form.handleSubmit((values) => {
            setProblem(null);
            redeem.mutate(values);
          })(event);
        }}
      >
        <div className="form__row">
          <Field label="Username" error={errors.username?.message}>
            <TextInput
              {...form.register('username')}
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus
            />
          </Field>
          <Field
            label="One-time code"
            hint="Four groups of four, e.g. 7K2M-…; dashes are optional."
            error={errors.code?.message}
          >
            <TextInput
              {...form.register('code')}
              className="input--mono input--code"
              placeholder="XXXX-XXXX-XXXX-XXXX"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
            />
          </Field>
        </div>
        <NewPasswordFields
          newPassword={form.register('newPassword')}
          confirmPassword={form.register('confirmPassword')}
          errors={{
            newPassword: errors.newPassword?.message,
            confirmPassword: errors.confirmPassword?.message,
          }}
        />
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={redeem.isPending}>
            {redeem.isPending ? 'Signing in…' : 'Set new password and sign in'}
          </Button>
          <Button variant="ghost" icon={<ArrowLeft aria-hidden="true" size={16} />} onClick={onBack}>
            Back to sign in
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
