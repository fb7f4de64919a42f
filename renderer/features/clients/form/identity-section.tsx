// Registration: who the client is. The age appears as the date of birth is typed, and says when
// the client is a minor (a guardian is then needed).
import { useFormContext, useWatch } from 'react-hook-form';
import { isMinor } from '../../../../preload/contract.ts';
import { parseCalendarDate } from '../../../lib/calendar-date.ts';
import { Field, TextInput } from '../../../ui/field.tsx';
import { Section } from '../../../ui/section.tsx';
import { ageToday } from '../client-format.tsx';
import type { ClientFormValues } from './client-form-values.ts';

export function IdentitySection({ autoFocus }: { autoFocus: boolean }) {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const dateOfBirth = useWatch({ control, name: 'dateOfBirth' });
  return (
    <Section
      title="Identity"
      description="As on the client’s legal documents. The preferred name is what the practice calls them."
    >
      <div className="form__row">
        <Field label="Legal first name" error={errors.legalFirstName?.message}>
          <TextInput {...register('legalFirstName')} autoComplete="off" autoFocus={autoFocus} />
        </Field>
        <Field label="Legal last name" error={errors.legalLastName?.message}>
          <TextInput {...register('legalLastName')} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Preferred name" optional error={errors.preferredName?.message}>
          <TextInput {...register('preferredName')} autoComplete="off" />
        </Field>
        <Field label="Pronouns" optional hint="e.g. she/her, they/them" error={errors.pronouns?.message}>
          <TextInput {...register('pronouns')} autoComplete="off" />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Date of birth" hint={ageHint(dateOfBirth)} error={errors.dateOfBirth?.message}>
          <TextInput type="date" {...register('dateOfBirth')} />
        </Field>
        <Field label="Gender identity" optional error={errors.genderIdentity?.message}>
          <TextInput {...register('genderIdentity')} autoComplete="off" />
        </Field>
      </div>
    </Section>
  );
}

function ageHint(dateOfBirth: string): string | undefined {
  if (!parseCalendarDate(dateOfBirth)) return undefined;
  const age = ageToday(dateOfBirth);
  if (age < 0 || age > 120) return undefined;
  const years = `${String(age)} ${age === 1 ? 'year' : 'years'} old`;
  return isMinor(dateOfBirth) ? `${years}: a minor, so a guardian is needed.` : years;
}
