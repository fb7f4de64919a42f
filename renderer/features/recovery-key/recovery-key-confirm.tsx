// Proves the key was kept: the person retypes its last two groups and ticks that it is stored;
// then main checks the full key against the recovery slot (setup.confirmRecoveryKey).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { SessionInfo } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { keyGroups } from './key-text.ts';

const normalizeGroup = (text: string): string =>
  text.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');

function confirmSchema(recoveryKey: string) {
  const groups = keyGroups(recoveryKey);
  const n = groups.length;
  const groupField = (index: number) =>
    z
      .string()
      .trim()
      .min(1, `Type group ${String(index + 1)} from your copy.`)
      .refine(
        (v) => normalizeGroup(v) === groups[index],
        `This does not match group ${String(index + 1)} of the key.`,
      );
  return z.object({
    secondLast: groupField(n - 2),
    last: groupField(n - 1),
    stored: z.boolean().refine((v) => v, 'Tick this once the key is stored somewhere safe.'),
  });
}

export interface RecoveryKeyConfirmProps {
  recoveryKey: string;
  onConfirmed: (session: SessionInfo) => void;
  onBack: () => void;
  submitLabel: string;
}

export function RecoveryKeyConfirm({
  recoveryKey,
  onConfirmed,
  onBack,
  submitLabel,
}: RecoveryKeyConfirmProps) {
  const [schema] = useState(() => confirmSchema(recoveryKey));
  const n = keyGroups(recoveryKey).length;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { secondLast: '', last: '', stored: false },
  });
  const { errors } = form.formState;

  const confirm = useMutation({
    mutationFn: () => call('setup.confirmRecoveryKey', { recoveryKey }),
    onSuccess: onConfirmed,
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: [] }));
    },
  });

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit(() => {
          setProblem(null);
          confirm.mutate();
        })(event);
      }}
    >
      <p className="form__lead">
        To be sure the copy you kept is complete, type its last two groups (numbers {n - 1} and {n}) from the
        printout or the saved file.
      </p>
      <ProblemBanner problem={problem} />
      <div className="form__row form__row--narrow">
        <Field label={`Group ${String(n - 1)}`} error={errors.secondLast?.message}>
          <TextInput
            {...form.register('secondLast')}
            className="input--mono input--key"
            maxLength={4}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-autofocus
            autoFocus
          />
        </Field>
        <Field label={`Group ${String(n)}`} error={errors.last?.message}>
          <TextInput
            {...form.register('last')}
            className="input--mono input--key"
            maxLength={4}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </Field>
      </div>
      <CheckboxField
        {...form.register('stored')}
        label="I have stored the recovery key somewhere safe, away from this computer."
        error={errors.stored?.message}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={confirm.isPending}>
          {submitLabel}
        </Button>
        <Button variant="ghost" icon={<ArrowLeft aria-hidden="true" size={16} />} onClick={onBack}>
          Back to the key
        </Button>
      </div>
    </form>
  );
}
