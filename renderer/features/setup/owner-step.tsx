// Setup step 2: the owner's account. Submitting it creates the practice (setup.createPractice);
// main judges the password's strength and says why when it is too weak.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { OwnerAccountInput, type Output } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Field, PasswordInput, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { NEW_PASSWORD_HINT, PASSWORDS_DO_NOT_MATCH } from '../auth/password-hint.ts';
import type { PracticeParsed } from './practice-step.tsx';

const OwnerForm = OwnerAccountInput.extend({ confirmPassword: z.string() }).refine(
  (v) => v.password === v.confirmPassword,
  { path: ['confirmPassword'], error: PASSWORDS_DO_NOT_MATCH },
);
export type OwnerValues = z.input<typeof OwnerForm>;
type OwnerParsed = z.output<typeof OwnerForm>;

export const EMPTY_OWNER: OwnerValues = { displayName: '', username: '', password: '', confirmPassword: '' };

const OWNER_FIELDS = ['displayName', 'username', 'password', 'confirmPassword'] as const;

export interface OwnerStepProps {
  values: OwnerValues;
  practice: PracticeParsed;
  onBack: (values: OwnerValues) => void;
  onCreated: (result: Output<'setup.createPractice'>) => void;
}

export function OwnerStep({ values, practice, onBack, onCreated }: OwnerStepProps) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<OwnerValues, unknown, OwnerParsed>({
    resolver: zodResolver(OwnerForm),
    defaultValues: values,
  });
  const { errors } = form.formState;

  const create = useMutation({
    mutationFn: ({ displayName, username, password }: OwnerParsed) =>
      call('setup.createPractice', { practice, owner: { displayName, username, password } }),
    onSuccess: onCreated,
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: OWNER_FIELDS,
          mapPath: (path) => {
            const name = path.replace(/^owner\./, '');
            return (OWNER_FIELDS as readonly string[]).includes(name)
              ? (name as (typeof OWNER_FIELDS)[number])
              : null;
          },
          codeFields: { WEAK_PASSWORD: 'password' },
        }),
      );
    },
  });

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit((parsed) => {
          setProblem(null);
          create.mutate(parsed);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      <div className="form__row">
        <Field
          label="Your name"
          hint="As it should appear on records and in the audit log."
          error={errors.displayName?.message}
        >
          <TextInput {...form.register('displayName')} autoComplete="name" autoFocus />
        </Field>
        <Field label="Username" hint="Letters, digits, dots or dashes." error={errors.username?.message}>
          <TextInput
            {...form.register('username')}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
          />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Password" hint={NEW_PASSWORD_HINT} error={errors.password?.message}>
          <PasswordInput {...form.register('password')} autoComplete="new-password" />
        </Field>
        <Field label="Confirm password" error={errors.confirmPassword?.message}>
          <PasswordInput {...form.register('confirmPassword')} autoComplete="new-password" />
        </Field>
      </div>
      <div className="form__actions form__actions--split">
        <Button
          variant="ghost"
          icon={<ArrowLeft aria-hidden="true" size={16} />}
          disabled={create.isPending}
          onClick={() => {
            onBack(form.getValues());
          }}
        >
          Back
        </Button>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {create.isPending ? 'Creating the encrypted practice…' : 'Create practice'}
        </Button>
      </div>
    </form>
  );
}
