// What an authorization covers (45 CFR 164.508(c)(1)(i)): the kinds of record, ticked as the signed
// form names them, the period if the form limits one, and the form's own description. A
// psychotherapy-notes authorization covers those notes and nothing else; no other form covers them.
import { Controller, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import {
  RECORD_TYPE_LABELS,
  type AuthorizationInput,
  type AuthorizationType,
  type RecordType,
} from '../../../preload/contract.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import type { AuthorizationValues } from './authorization-values.ts';

const TYPES = Object.keys(RECORD_TYPE_LABELS) as RecordType[];

type Form = UseFormReturn<AuthorizationValues, unknown, z.output<typeof AuthorizationInput>>;

/** Why a kind of record cannot be ticked on this kind of authorization, or null. */
function lockedReason(type: AuthorizationType | '', t: RecordType): string | null {
  if (type === '') return 'Choose the kind of authorization first.';
  if (type === 'psychotherapy_notes' && t !== 'psychotherapy_notes') return 'Not on this form.';
  if (type !== 'psychotherapy_notes' && t === 'psychotherapy_notes')
    return 'Only on a psychotherapy-notes authorization of their own.';
  return null;
}

export function AuthorizationCoverage({
  form,
  type,
  errors,
}: {
  form: Form;
  type: AuthorizationType | '';
  errors: FieldErrors<AuthorizationValues>;
}) {
  return (
    <fieldset className="release-form__group">
      <legend className="field__label">What it covers</legend>
      <Controller
        control={form.control}
        name="recordTypes"
        render={({ field }) => (
          <ChoiceGroupField
            multiple
            label="Kinds of record the form names"
            name={field.name}
            options={TYPES.map((t) => {
              const locked = lockedReason(type, t);
              return {
                value: t,
                label: RECORD_TYPE_LABELS[t],
                description: t === 'psychotherapy_notes' && locked && type !== '' ? locked : undefined,
                disabled: locked !== null,
              };
            })}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.recordTypes?.message ?? errors.recordTypes?.root?.message}
            hint={
              type === ''
                ? 'Choose the kind of authorization first.'
                : type === 'psychotherapy_notes'
                  ? 'A psychotherapy-notes authorization covers those notes and nothing else.'
                  : 'Tick exactly what the signed form names: only these can be released under it.'
            }
            hintPlacement="above"
            optionsClassName="record-types"
          />
        )}
      />
      <div className="form__row">
        <Field
          label="Records from"
          optional
          hint="Only if the form limits the period."
          error={errors.recordsFrom?.message}
        >
          <TextInput type="date" {...form.register('recordsFrom')} />
        </Field>
        <Field label="Records to" optional error={errors.recordsTo?.message}>
          <TextInput type="date" {...form.register('recordsTo')} />
        </Field>
      </div>
      <Field
        label="Description of the information"
        hint={
          type === 'psychotherapy_notes'
            ? 'As the form words it; it must name the psychotherapy notes, e.g. “psychotherapy notes of sessions from January to March 2026”.'
            : 'As the form words it, e.g. “progress notes and PHQ-9 results from January to March 2026”.'
        }
        error={errors.description?.message}
      >
        <TextArea rows={2} {...form.register('description')} />
      </Field>
    </fieldset>
  );
}
