// Restore, step 2: the recovery key opens the backup; the owner's username and a new password for
// this computer (backup.restoreFirstRun). main checks everything; its answers land on the fields.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { RestoreFirstRunInput, type BackupSummary, type SessionInfo } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { confirmingNewPassword, NewPasswordFields } from '../auth/new-password-fields.tsx';
import { backupDateTime } from './backup-format.ts';

const RestoreForm = confirmingNewPassword(RestoreFirstRunInput);
type Values = z.input<typeof RestoreForm>;
type Parsed = z.output<typeof RestoreForm>;

export interface RestoreKeyStepProps {
  summary: BackupSummary;
  onBack: () => void;
  onRestored: (session: SessionInfo, practiceName: string | null) => void;
}

export function RestoreKeyStep({ summary, onBack, onRestored }: RestoreKeyStepProps) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(RestoreForm),
    defaultValues: { recoveryKey: '', username: '', newPassword: '', confirmPassword: '' },
  });
  const { errors } = form.formState;

  const restore = useMutation({
    mutationFn: async ({ recoveryKey, username, newPassword }: Parsed) => {
      const session = await call('backup.restoreFirstRun', { recoveryKey, username, newPassword });
      // The practice's name comes from the restored database.
      const status = await call('app.status', {}).catch(() => null);
      return { session, practiceName: status?.practiceName ?? null };
    },
    onSuccess: ({ session, practiceName }) => {
      onRestored(session, practiceName);
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: ['recoveryKey', 'username', 'newPassword', 'confirmPassword'],
          // Without a field path these are about the key (wrong key) or the new password.
          codeFields: { WEAK_PASSWORD: 'newPassword', INVALID_CREDENTIALS: 'recoveryKey' },
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
          restore.mutate(values);
        })(event);
      }}
    >
      <p className="restore-chosen">
        Restoring the backup made <strong>{backupDateTime(summary.createdAt)}</strong>.
      </p>
      <ProblemBanner problem={problem} />
      <Field
        label="Recovery key"
        hint="13 groups of four letters and digits. Dashes and spaces are optional; letters may be upper or lower case."
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
      <Field
        label="Your owner username"
        hint="The username you used on the old computer."
        error={errors.username?.message}
      >
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
      <div className="form__actions form__actions--split">
        <Button
          variant="ghost"
          icon={<ArrowLeft aria-hidden="true" size={16} />}
          disabled={restore.isPending}
          onClick={onBack}
        >
          Back
        </Button>
        <Button type="submit" variant="primary" busy={restore.isPending}>
          {restore.isPending ? 'Checking and restoring the backup…' : 'Restore practice'}
        </Button>
      </div>
    </form>
  );
}
