// Registration: insurance and the emergency contact, both optional: left blank, they are not
// recorded; partly filled, main says what else it needs.
import { useFormContext } from 'react-hook-form';
import { SubscriberRelation } from '../../../../preload/contract.ts';
import { Field, Select, TextInput } from '../../../ui/field.tsx';
import { Section } from '../../../ui/section.tsx';
import type { ClientFormValues } from './client-form-values.ts';

const RELATION_LABELS: Record<(typeof SubscriberRelation.options)[number], string> = {
  self: 'The client (self)',
  spouse: 'Spouse or partner',
  parent: 'Parent',
  other: 'Other',
};

export function InsuranceSection() {
  const {
    register,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const e = errors.insurance;
  return (
    <Section title="Insurance" description="Optional. Leave it blank for a client who pays for themselves.">
      <div className="form__row">
        <Field label="Insurance carrier" error={e?.carrier?.message}>
          <TextInput {...register('insurance.carrier')} autoComplete="off" />
        </Field>
        <Field label="Member ID" error={e?.memberId?.message}>
          <TextInput {...register('insurance.memberId')} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Group number" optional error={e?.groupNumber?.message}>
          <TextInput {...register('insurance.groupNumber')} autoComplete="off" />
        </Field>
        <Field label="Subscriber name" error={e?.subscriberName?.message}>
          <TextInput {...register('insurance.subscriberName')} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row form__row--half">
        <Field label="Subscriber’s relation to the client" error={e?.subscriberRelation?.message}>
          <Select {...register('insurance.subscriberRelation')}>
            <option value="">Choose…</option>
            {SubscriberRelation.options.map((r) => (
              <option key={r} value={r}>
                {RELATION_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </Section>
  );
}

export function EmergencyContactSection() {
  const {
    register,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const e = errors.emergencyContact;
  return (
    <Section title="Emergency contact" description="Optional. Who to call if the client is in danger.">
      <div className="form__row">
        <Field label="Emergency contact name" error={e?.name?.message}>
          <TextInput {...register('emergencyContact.name')} autoComplete="off" />
        </Field>
        <Field label="Their relationship" error={e?.relation?.message}>
          <TextInput {...register('emergencyContact.relation')} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row form__row--half">
        <Field label="Emergency contact phone" error={e?.phone?.message}>
          <TextInput type="tel" {...register('emergencyContact.phone')} autoComplete="off" />
        </Field>
      </div>
    </Section>
  );
}
