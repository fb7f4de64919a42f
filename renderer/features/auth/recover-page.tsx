// A forgotten password: the practice's recovery key opens the vault and sets a new password for
// the named person (auth.recover). Also the way in when this computer lost its device key.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { RecoverInput } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { confirmingNewPassword, NewPasswordFields } from './new-password-fields.tsx';

const RecoverForm = confirmingNewPassword(RecoverInput);
type Values = z.input<typeof RecoverForm>;
type Parsed = z.output<typeof RecoverForm>;

export function RecoverPage({ onBack }: { onBack: () => void }) {
  const { state, enter } = useSession();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(RecoverForm),
    defaultValues: { recoveryKey: '', username: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;

  const recover = useMutation({
    mutationFn: ({ recoveryKey, username, newPassword }: Parsed) =>
      call('auth.recover', { recoveryKey, username, newPassword }),
    onSuccess: (session) => {
      enter(session);
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: ['recoveryKey', 'username', 'newPassword', 'confirmPassword'],
          // Without a field path these are about the key itself (format, checksum, wrong key).
          codeFields: {
            WEAK_PASSWORD: 'newPassword',
            INVALID_INPUT: 'recoveryKey',
            INVALID_CREDENTIALS: 'recoveryKey',
          },
        }),
      );
    },
  });

  return (
    <AuthLayout
      eyebrow={state.practiceName}
      title="Use the recovery key"
      wide
      lead={
        <p>
          The recovery key is on the sheet printed or saved when the practice was set up: 13 groups of four
          letters and digits. Enter it with your username to choose a new password.
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
            recover.mutate(values);
          })(event);
        }}
      >
        <Field
          label="Recovery key"
          hint="Dashes and spaces are optional; letters may be upper or lower case."
          error={errors.recoveryKey?.message}
        >
          <TextInput
            {...form.register('recoveryKey')}
            className="input--mono"
            placeholder="XXXX-XXXX-XXXX-…"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
          />
        </Field>
        <Field label="Your username" error={errors.username?.message}>
          <TextInput
            {...form.register('username')}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
          />
        </Field>
        <NewPasswordFields
          newPassword={form.register('newPassword')}
          confirmPassword={form.register('confirmPassword')}
          errors={{
            newPassword: errors.newPassword?.message,
            confirmPassword: errors.confirmPassword?.message,
          }}
        />
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={recover.isPending}>
            Set new password and sign in
          </Button>
          <Button variant="ghost" icon={<ArrowLeft aria-hidden="true" size={16} />} onClick={onBack}>
            Back to sign in
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
