// Registration: guardians of a minor (up to four): who they are, how to reach them and the legal
// authority they hold. A client under 18 needs one unless a clinician records that the minor
// consents to their own care; main enforces it, and its message shows here.
import { CircleAlert, Plus, UserRound, X } from 'lucide-react';
import { useId, type Ref } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { LEGAL_AUTHORITY_LABELS, LegalAuthority } from '../../../../preload/contract.ts';
import { Button } from '../../../ui/button.tsx';
import { Field, Select, TextInput } from '../../../ui/field.tsx';
import { Section } from '../../../ui/section.tsx';
import { EMPTY_GUARDIAN, type ClientFormValues } from './client-form-values.ts';

const MAX_GUARDIANS = 4;

export function GuardiansSection({ minor, addRef }: { minor: boolean; addRef: Ref<HTMLButtonElement> }) {
  const {
    control,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'guardians' });
  const listError = errors.guardians?.root?.message ?? errors.guardians?.message;
  return (
    <Section
      title="Guardians"
      description={
        minor
          ? 'The client is under 18. A parent or guardian acts for them, and signs their consents.'
          : 'People with legal authority to act for the client.'
      }
      className="guardians-section"
    >
      {fields.length === 0 && (
        <p className="muted">
          No guardian recorded yet. Add the parent or guardian who brings the client in.
        </p>
      )}
      {fields.map((field, index) => (
        <GuardianFields
          key={field.id}
          index={index}
          onRemove={() => {
            remove(index);
          }}
        />
      ))}
      {listError && (
        <p className="field__error" role="alert">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{listError}</span>
        </p>
      )}
      {fields.length < MAX_GUARDIANS && (
        <div>
          <Button
            ref={addRef}
            icon={<Plus aria-hidden="true" size={16} />}
            onClick={() => {
              append({ ...EMPTY_GUARDIAN }, { focusName: `guardians.${String(fields.length)}.name` });
            }}
          >
            {fields.length === 0 ? 'Add guardian' : 'Add another guardian'}
          </Button>
        </div>
      )}
    </Section>
  );
}

function GuardianFields({ index, onRemove }: { index: number; onRemove: () => void }) {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const e = errors.guardians?.[index];
  const name = `guardians.${String(index)}` as `guardians.${number}`;
  const authority = useWatch({ control, name: `${name}.legalAuthority` });
  const who = useWatch({ control, name: `${name}.name` });
  const headingId = useId();
  return (
    <div className="subcard" role="group" aria-labelledby={headingId}>
      <p id={headingId} className="subcard__legend">
        <UserRound aria-hidden="true" size={16} />
        {who.trim() || `Guardian ${String(index + 1)}`}
      </p>
      <button
        type="button"
        className="icon-btn subcard__remove"
        aria-label={`Remove guardian ${String(index + 1)}`}
        onClick={onRemove}
      >
        <X aria-hidden="true" size={16} />
      </button>
      <div className="form__row">
        <Field label="Guardian name" error={e?.name?.message}>
          <TextInput {...register(`${name}.name`)} autoComplete="off" />
        </Field>
        <Field label="Relationship" hint="e.g. Mother, Grandfather" error={e?.relation?.message}>
          <TextInput {...register(`${name}.relation`)} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Guardian phone" error={e?.phone?.message}>
          <TextInput type="tel" {...register(`${name}.phone`)} autoComplete="off" />
        </Field>
        <Field label="Guardian email" optional error={e?.email?.message}>
          <TextInput type="email" {...register(`${name}.email`)} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Legal authority" error={e?.legalAuthority?.message}>
          <Select {...register(`${name}.legalAuthority`)}>
            <option value="">Choose…</option>
            {LegalAuthority.options.map((a) => (
              <option key={a} value={a}>
                {LEGAL_AUTHORITY_LABELS[a]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Authority details"
          optional={authority !== 'other'}
          hint="e.g. custody order, case number"
          error={e?.authorityNote?.message}
        >
          <TextInput {...register(`${name}.authorityNote`)} autoComplete="off" />
        </Field>
      </div>
    </div>
  );
}
