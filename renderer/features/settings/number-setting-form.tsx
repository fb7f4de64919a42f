// A practice setting that is one whole number (a plan's review interval, how long emergency access
// lasts): the field with its bounds, Save once changed, main's refusal over the field, and the
// saved value said back. The contract's schema validates here as in main.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';

export interface NumberSettingFormProps<T extends FieldValues> {
  /** The contract's schema for the setting: one field, a whole number. */
  schema: z.ZodType<T, T>;
  field: Path<T> & keyof T & string;
  current: T;
  queryKey: QueryKey;
  save: (values: T) => Promise<T>;
  /** The form's name for assistive technology ("Emergency access duration"). */
  formLabel: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  saveLabel: string;
  savedTitle: string;
  /** The saved setting in a sentence. */
  summary: (values: T) => string;
}

export function NumberSettingForm<T extends FieldValues>(props: NumberSettingFormProps<T>) {
  const { schema, field, current, queryKey, save } = props;
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<T | null>(null);
  const form = useForm<T, unknown, T>({
    resolver: zodResolver(schema),
    defaultValues: current as never,
  });
  const { errors, isDirty } = form.formState;
  const update = useMutation({
    mutationFn: save,
    onSuccess: (next) => {
      queryClient.setQueryData(queryKey, next);
      form.reset(next);
      setSaved(next);
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: [field] }));
    },
  });
  const error = errors[field]?.message;
  return (
    <form
      className="form"
      noValidate
      aria-label={props.formLabel}
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(null);
          update.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !isDirty && (
        <Banner tone="success" live title={props.savedTitle}>
          {props.summary(saved)}
        </Banner>
      )}
      <div className="form__row form__row--narrow">
        <Field label={props.label} hint={props.hint} error={typeof error === 'string' ? error : undefined}>
          <TextInput
            type="number"
            inputMode="numeric"
            min={props.min}
            max={props.max}
            step={1}
            {...form.register(field, { valueAsNumber: true })}
          />
        </Field>
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!isDirty}>
          {props.saveLabel}
        </Button>
      </div>
    </form>
  );
}
