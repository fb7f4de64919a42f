// Registration: the primary clinician (whose caseload the client joins), the referral source,
// and, for clinicians only, a minor consenting to their own care with its legal basis.
import { useFormContext, useWatch } from 'react-hook-form';
import { CheckboxField, Field, Select, TextArea, TextInput } from '../../../ui/field.tsx';
import { Banner } from '../../../ui/banner.tsx';
import { Section } from '../../../ui/section.tsx';
import type { DirectoryPerson } from '../client-queries.ts';
import type { ClientFormValues } from './client-form-values.ts';

export interface CareSectionProps {
  clinicians: readonly DirectoryPerson[];
  minor: boolean;
  /** Clinicians and the owner may record a minor's own consent; front desk only sees it. */
  clinical: boolean;
}

export function CareSection({ clinicians, minor, clinical }: CareSectionProps) {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const consentsAlone = useWatch({ control, name: 'minorConsentsAlone' });
  return (
    <Section
      title="Care"
      description="The primary clinician sees the full chart; others join through the care team."
    >
      <div className="form__row">
        <Field label="Primary clinician" error={errors.primaryClinicianId?.message}>
          <Select {...register('primaryClinicianId')}>
            <option value="">Choose…</option>
            {clinicians.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Referral source"
          optional
          hint="e.g. primary care physician, school counselor"
          error={errors.referralSource?.message}
        >
          <TextInput {...register('referralSource')} autoComplete="off" />
        </Field>
      </div>
      {minor && clinical && (
        <>
          <CheckboxField
            label="The minor consents to their own care"
            {...register('minorConsentsAlone')}
            error={errors.minorConsentsAlone?.message}
          />
          {consentsAlone && (
            <Field
              label="Legal basis"
              hint="The state law or circumstance that allows it, e.g. a statute letting minors of 14 or older consent to outpatient mental health care. Records of this care are never released to the guardian."
              error={errors.minorSelfConsentBasis?.message}
            >
              <TextArea {...register('minorSelfConsentBasis')} rows={3} />
            </Field>
          )}
        </>
      )}
      {minor && !clinical && consentsAlone && (
        <Banner tone="info">
          A clinician recorded that this minor consents to their own care. Only a clinician can change that.
        </Banner>
      )}
    </Section>
  );
}
