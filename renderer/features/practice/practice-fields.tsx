// The practice profile's fields (PracticeProfileInput), shared by setup and Settings.
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { PracticeProfileInput } from '../../../preload/contract.ts';
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { US_STATES } from './us-states.ts';

/** The form's values: what the person types (the optional fields hold '' when empty). */
export type PracticeValues = PracticeProfileInput;

export const EMPTY_PRACTICE: PracticeValues = {
  name: '',
  addressLine1: '',
  addressLine2: '',
  city: '',
  region: '',
  postalCode: '',
  phone: '',
  privacyContact: '',
};

export const PRACTICE_FIELDS = Object.keys(EMPTY_PRACTICE) as (keyof PracticeValues)[];

export interface PracticeFieldsProps {
  register: UseFormRegister<PracticeValues>;
  errors: FieldErrors<PracticeValues>;
  /** The saved state, kept as an option when it is not a USPS code (older data). */
  currentRegion?: string;
  autoFocus?: boolean;
}

export function PracticeFields({ register, errors, currentRegion, autoFocus = false }: PracticeFieldsProps) {
  const extraRegion =
    currentRegion && !US_STATES.some((s) => s.code === currentRegion) ? currentRegion : null;
  return (
    <>
      <Field label="Practice name" error={errors.name?.message}>
        <TextInput {...register('name')} autoComplete="organization" autoFocus={autoFocus} />
      </Field>
      <Field label="Street address" error={errors.addressLine1?.message}>
        <TextInput {...register('addressLine1')} autoComplete="address-line1" />
      </Field>
      <Field
        label="Address line 2"
        optional
        hint="Suite, floor or building."
        error={errors.addressLine2?.message}
      >
        <TextInput {...register('addressLine2')} autoComplete="address-line2" />
      </Field>
      <div className="form__row form__row--address">
        <Field label="City" error={errors.city?.message}>
          <TextInput {...register('city')} autoComplete="address-level2" />
        </Field>
        <Field label="State" error={errors.region?.message}>
          <Select {...register('region')} autoComplete="address-level1">
            <option value="">Choose…</option>
            {extraRegion && <option value={extraRegion}>{extraRegion}</option>}
            {US_STATES.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="ZIP code" error={errors.postalCode?.message}>
          <TextInput {...register('postalCode')} autoComplete="postal-code" inputMode="numeric" />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Phone" optional error={errors.phone?.message}>
          <TextInput {...register('phone')} type="tel" autoComplete="tel" placeholder="(555) 010-1234" />
        </Field>
        <Field
          label="Privacy contact"
          optional
          hint="Who receives privacy questions, complaints and record requests."
          error={errors.privacyContact?.message}
        >
          <TextInput {...register('privacyContact')} placeholder="e.g. Privacy Officer" />
        </Field>
      </div>
    </>
  );
}
