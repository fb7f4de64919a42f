// The intake's sections: presenting concern, history and medications, primary care, substance
// use (and whether it is a record of the practice's 42 CFR Part 2 program), and risk screening.
import { ClipboardList, HeartPulse, Pill, ShieldAlert } from 'lucide-react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import type { ReactNode } from 'react';
import { Banner } from '../../ui/banner.tsx';
import { Card } from '../../ui/card.tsx';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, TextArea, TextInput } from '../../ui/field.tsx';
import type { IntakeValues } from './intake-values.ts';

export function ConcernSection() {
  const {
    register,
    formState: { errors },
  } = useFormContext<IntakeValues>();
  return (
    <Card title="Presenting concern" icon={<ClipboardList size={18} />}>
      <Field
        label="What brings the client in, in their words and yours"
        hint="Needed before the intake can be completed."
        error={errors.presentingConcern?.message}
      >
        <TextArea {...register('presentingConcern')} rows={5} />
      </Field>
    </Card>
  );
}

export function HistorySection() {
  const {
    register,
    formState: { errors },
  } = useFormContext<IntakeValues>();
  return (
    <Card title="History" icon={<HeartPulse size={18} />}>
      <Field
        label="Psychiatric history"
        optional
        hint="Diagnoses, hospitalizations, past treatment."
        error={errors.psychiatricHistory?.message}
      >
        <TextArea {...register('psychiatricHistory')} rows={4} />
      </Field>
      <Field label="Medical history" optional error={errors.medicalHistory?.message}>
        <TextArea {...register('medicalHistory')} rows={3} />
      </Field>
      <Field
        label="Medications"
        optional
        hint="Name, dose and prescriber."
        error={errors.medications?.message}
      >
        <TextArea {...register('medications')} rows={3} />
      </Field>
      <div className="form__row">
        <Field label="Primary care provider" optional error={errors.pcpName?.message}>
          <TextInput {...register('pcpName')} autoComplete="off" />
        </Field>
        <Field label="Primary care phone" optional error={errors.pcpPhone?.message}>
          <TextInput type="tel" {...register('pcpPhone')} autoComplete="off" />
        </Field>
      </div>
    </Card>
  );
}

export function SubstanceSection() {
  const {
    register,
    formState: { errors },
  } = useFormContext<IntakeValues>();
  return (
    <Card title="Substance use" icon={<Pill size={18} />}>
      <Field
        label="Substance use"
        optional
        hint="Alcohol, drugs, tobacco: what, how much, how often."
        error={errors.substanceUse?.message}
      >
        <TextArea {...register('substanceUse')} rows={4} />
      </Field>
      <CheckboxField
        label={
          <>
            <strong>This section is a record of our 42 CFR Part 2 program.</strong>
            <span className="checkbox__detail">
              Part 2 records are released only with the client’s Part 2 consent, and carry the redisclosure
              notice.
            </span>
          </>
        }
        {...register('substanceUsePart2')}
      />
    </Card>
  );
}

const IDEATION: ChoiceOption<'none' | 'passive' | 'active'>[] = [
  { value: 'none', label: 'None' },
  { value: 'passive', label: 'Passive', tone: 'warning' },
  { value: 'active', label: 'Active', tone: 'danger' },
];

const LEVELS: ChoiceOption<'low' | 'moderate' | 'high'>[] = [
  { value: 'low', label: 'Low', description: 'Routine follow-up.' },
  { value: 'moderate', label: 'Moderate', description: 'Safety plan; closer follow-up.', tone: 'warning' },
  { value: 'high', label: 'High', description: 'Safety plan; act today.', tone: 'danger' },
];

type RiskFlag = 'suicidePlan' | 'suicideIntent' | 'accessToMeans' | 'selfHarmHistory' | 'homicidalIdeation';

/** Each a yes-or-no field of the risk screening, ticked together as one group. */
const FACTORS: ChoiceOption<RiskFlag>[] = [
  { value: 'suicidePlan', label: 'Has a plan' },
  { value: 'suicideIntent', label: 'Has intent to act' },
  { value: 'accessToMeans', label: 'Access to lethal means' },
  { value: 'selfHarmHistory', label: 'History of self-harm' },
  { value: 'homicidalIdeation', label: 'Homicidal ideation' },
];

export function RiskSection() {
  const {
    register,
    control,
    setValue,
    formState: { errors },
  } = useFormContext<IntakeValues>();
  const risk = useWatch({ control, name: 'risk' });
  const e = errors.risk;
  const concerning = risk.suicidalIdeation === 'active' || risk.suicidePlan || risk.suicideIntent;
  return (
    <Card
      title="Risk screening"
      icon={<ShieldAlert size={18} />}
      description="Ask every client. A moderate or high level needs a safety plan."
      className="risk-card"
    >
      <Controller
        control={control}
        name="risk.suicidalIdeation"
        render={({ field }) => (
          <ChoiceGroupField
            label="Suicidal ideation"
            name={field.name}
            options={IDEATION}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={e?.suicidalIdeation?.message}
          />
        )}
      />
      <ChoiceGroupField
        multiple
        label="Risk factors"
        options={FACTORS}
        value={FACTORS.filter((f) => risk[f.value]).map((f) => f.value)}
        onChange={(chosen) => {
          for (const f of FACTORS) {
            const ticked = chosen.includes(f.value);
            if (ticked !== risk[f.value])
              setValue(`risk.${f.value}`, ticked, { shouldDirty: true, shouldTouch: true });
          }
        }}
        className="risk-factors"
      />
      <Field
        label="Protective factors"
        optional
        hint="Reasons for living, supports, engagement in care."
        error={e?.protectiveFactors?.message}
      >
        <TextArea {...register('risk.protectiveFactors')} rows={3} />
      </Field>
      <Controller
        control={control}
        name="risk.level"
        render={({ field }) => (
          <ChoiceGroupField
            label="Risk level"
            name={field.name}
            variant="cards"
            options={LEVELS}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={e?.level?.message}
            className="risk-levels"
          />
        )}
      />
      {concerning && risk.level === 'low' && (
        <Banner tone="warning">
          Active ideation, a plan or intent usually means at least moderate risk. Check the level you chose.
        </Banner>
      )}
      {(risk.level === 'moderate' || risk.level === 'high' || risk.safetyPlan !== '') && (
        <SafetyPlan error={e?.safetyPlan?.message}>
          <TextArea {...register('risk.safetyPlan')} rows={5} />
        </SafetyPlan>
      )}
    </Card>
  );
}

function SafetyPlan({ error, children }: { error: string | undefined; children: ReactNode }) {
  return (
    <Field
      label="Safety plan"
      hint="Warning signs, coping steps, people and places, crisis lines (988), making the environment safe."
      error={error}
    >
      {children}
    </Field>
  );
}
