// A disclosure without authorization (45 CFR 164.512, 42 CFR 2.51): what kind it is (duty to warn,
// a report the law requires, a medical emergency), the reason in words, the clinician who decided,
// and the recipient with their role — for a medical emergency only the medical personnel treating
// it, with their facility and the date and time of the disclosure; for a report, the law.
import { useQuery } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { RECIPIENT_ROLE_LABELS, type EmergencySituation } from '../../../preload/contract.ts';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { cliniciansIn, directoryQuery } from '../clients/client-queries.ts';
import type { DetailErrors, RequestForm } from './request-form.ts';
import type { RecipientRole } from './request-values.ts';

const SITUATIONS: ChoiceOption<EmergencySituation>[] = [
  {
    value: 'duty_to_warn',
    label: 'Duty to warn',
    description: 'A serious and imminent threat to someone’s health or safety. 45 CFR 164.512(j).',
  },
  {
    value: 'mandated_report',
    label: 'Report required by law',
    description: 'Child or elder abuse or neglect, to the agency the law names. 45 CFR 164.512(b), (c).',
  },
  {
    value: 'medical_emergency',
    label: 'Medical emergency',
    description:
      'To the medical personnel treating the client. The only one that may include Part 2 records. 42 CFR 2.51.',
  },
];

const REASON: Record<EmergencySituation, { label: string; hint: string }> = {
  duty_to_warn: {
    label: 'The threat',
    hint: 'Who is at risk, and why the threat is serious and imminent.',
  },
  mandated_report: {
    label: 'What is reported',
    hint: 'What was disclosed or observed that the law requires you to report.',
  },
  medical_emergency: {
    label: 'The medical emergency',
    hint: 'What is happening and why the treating staff need the information now.',
  },
};

const ROLES = Object.keys(RECIPIENT_ROLE_LABELS) as RecipientRole[];

export function EmergencyFields({ form, errors }: { form: RequestForm; errors: DetailErrors }) {
  const directory = useQuery(directoryQuery);
  const situation = useWatch({ control: form.control, name: 'details.situation' });
  const medical = situation === 'medical_emergency';
  const reason = situation ? REASON[situation] : { label: 'The reason', hint: '' };
  return (
    <>
      <Controller
        control={form.control}
        name="details.situation"
        render={({ field }) => (
          <ChoiceGroupField
            label="What kind of disclosure"
            name={field.name}
            variant="cards"
            options={SITUATIONS}
            value={field.value || null}
            onChange={(next) => {
              field.onChange(next);
              // 42 CFR 2.51: a medical emergency goes to the medical personnel treating it.
              if (next === 'medical_emergency' && !form.getValues('details.recipientRole'))
                form.setValue('details.recipientRole', 'medical_personnel');
            }}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors?.situation?.message}
            hint="No authorization is needed. The reason and the deciding clinician are kept with the disclosure."
            className="emergency-situations"
          />
        )}
      />
      <Field label={reason.label} hint={reason.hint || undefined} error={errors?.reason?.message}>
        <TextArea rows={3} {...form.register('details.reason')} />
      </Field>
      <div className="form__row">
        <Field label="Clinician who decided" error={errors?.clinicianId?.message}>
          <Select {...form.register('details.clinicianId')}>
            <option value="">Choose…</option>
            {cliniciansIn(directory.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        {situation === 'mandated_report' && (
          <Field
            label="The law that requires the report"
            hint="The statute and section, e.g. ORS 419B.010."
            error={errors?.statute?.message}
          >
            <TextInput {...form.register('details.statute')} autoComplete="off" />
          </Field>
        )}
      </div>
      <fieldset className="release-form__group">
        <legend className="field__label">Recipient</legend>
        {medical && (
          <p className="field__hint release-form__note">
            Only the doctors, nurses or paramedics treating the emergency. Anyone else — the police included —
            needs another basis.
          </p>
        )}
        <div className="form__row">
          <Field label="Recipient name" error={errors?.recipient?.name?.message}>
            <TextInput {...form.register('details.recipient.name')} autoComplete="off" />
          </Field>
          <Field label="Who they are" error={errors?.recipientRole?.message}>
            <Select {...form.register('details.recipientRole')}>
              <option value="">Choose…</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {RECIPIENT_ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="form__row">
          <Field label="Recipient address" error={errors?.recipient?.address?.message}>
            <TextInput {...form.register('details.recipient.address')} autoComplete="off" />
          </Field>
          {medical && (
            <Field label="Facility" error={errors?.recipientFacility?.message}>
              <TextInput
                {...form.register('details.recipientFacility')}
                autoComplete="off"
                placeholder="e.g. Example General, emergency dept."
              />
            </Field>
          )}
        </div>
        <Field
          label="Date and time of the disclosure"
          optional={!medical}
          hint={medical ? 'Recorded at once, as 42 CFR 2.51(c) requires.' : undefined}
          error={errors?.disclosedAt?.message}
          className="field--narrow"
        >
          <TextInput type="datetime-local" {...form.register('details.disclosedAt')} />
        </Field>
      </fieldset>
    </>
  );
}
