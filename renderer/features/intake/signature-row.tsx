// One signature on a consent: who signed and as whom, their relationship or legal authority, the
// date and the witness.
import { X } from 'lucide-react';
import { useWatch, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import type { SignerRole } from '../../../preload/contract.ts';
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { SIGNER_LABELS, type ConsentParsed, type ConsentValues } from './consent-values.ts';

export interface SignatureRowProps {
  index: number;
  form: UseFormReturn<ConsentValues, unknown, ConsentParsed>;
  errors: FieldErrors<ConsentValues>;
  canRemove: boolean;
  onRemove: () => void;
}

export function SignatureRow({ index, form, errors, canRemove, onRemove }: SignatureRowProps) {
  const e = errors.signatures?.[index];
  const name = `signatures.${String(index)}` as `signatures.${number}`;
  const role = useWatch({ control: form.control, name: `${name}.signerRole` });
  return (
    <div className="subcard signature">
      <p className="subcard__legend">Signature {index + 1}</p>
      {canRemove && (
        <button
          type="button"
          className="icon-btn subcard__remove"
          aria-label={`Remove signature ${String(index + 1)}`}
          onClick={onRemove}
        >
          <X aria-hidden="true" size={16} />
        </button>
      )}
      <div className="form__row signature__row">
        <Field label="Signer name" error={e?.signerName?.message}>
          <TextInput {...form.register(`${name}.signerName`)} autoComplete="off" />
        </Field>
        <Field label="Signed as" error={e?.signerRole?.message}>
          <Select {...form.register(`${name}.signerRole`)}>
            <option value="">Choose…</option>
            {(Object.keys(SIGNER_LABELS) as SignerRole[]).map((r) => (
              <option key={r} value={r}>
                {SIGNER_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Relationship or authority" optional={role === 'client'} error={e?.authority?.message}>
          <TextInput
            {...form.register(`${name}.authority`)}
            autoComplete="off"
            placeholder={role === 'client' ? undefined : 'e.g. Mother; legal custody'}
          />
        </Field>
      </div>
      <div className="form__row signature__row">
        <Field label="Date signed" error={e?.signedOn?.message}>
          <TextInput type="date" {...form.register(`${name}.signedOn`)} />
        </Field>
        <Field label="Witness" optional error={e?.witnessName?.message}>
          <TextInput {...form.register(`${name}.witnessName`)} autoComplete="off" />
        </Field>
      </div>
    </div>
  );
}
