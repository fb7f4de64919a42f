// Settings > State law: the owner sets deadlines for client-rights requests shorter than the
// federal ones where the practice's state requires it, and a notice printed on letters and denials
// (practice.updateStateLaw; main refuses a longer deadline); others read them. A change applies to
// requests recorded afterwards: a due date already given never moves.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import type { z } from 'zod';
import {
  DEADLINE_LABELS,
  FEDERAL_DEADLINES,
  STATE_NOTICE_MAX,
  StateLawInput,
  type DeadlineName,
  type StateLaw,
} from '../../../preload/contract/state-law.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { QuerySection } from '../../ui/query-section.tsx';
import { STATE_LAW_KEY, stateLawQuery } from './state-law-query.ts';

type Values = z.input<typeof StateLawInput>;
type Parsed = z.output<typeof StateLawInput>;

/** Each request's deadline and its one extension, side by side (164.524, 164.526, 164.528). */
const ROWS: { title: string; rule: string; deadline: DeadlineName; extension: DeadlineName }[] = [
  {
    title: 'Access to records',
    rule: '45 CFR 164.524(b)(2)',
    deadline: 'accessDays',
    extension: 'accessExtensionDays',
  },
  {
    title: 'Amendment',
    rule: '45 CFR 164.526(b)(2)',
    deadline: 'amendmentDays',
    extension: 'amendmentExtensionDays',
  },
  {
    title: 'Accounting of disclosures',
    rule: '45 CFR 164.528(c)(1)',
    deadline: 'accountingDays',
    extension: 'accountingExtensionDays',
  },
];

const FIELDS: Path<Values>[] = [
  ...(Object.keys(FEDERAL_DEADLINES) as DeadlineName[]).map((k): Path<Values> => `deadlines.${k}`),
  'stateNotice',
];

const days = (n: number): string => `${String(n)} ${n === 1 ? 'day' : 'days'}`;

export function StateLawSection({ editable }: { editable: boolean }) {
  const stateLaw = useQuery(stateLawQuery);
  return (
    <QuerySection
      title="State law"
      description="Where your state gives clients less time to wait than HIPAA does, set the shorter deadlines here; every new request’s due date uses them. State law may shorten a federal deadline, never lengthen it."
      query={stateLaw}
      loadingLabel="Loading the state-law settings…"
    >
      {(loaded) => (editable ? <StateLawForm current={loaded} /> : <StateLawSummary current={loaded} />)}
    </QuerySection>
  );
}

function StateLawSummary({ current }: { current: StateLaw }) {
  return (
    <div className="state-law">
      <dl className="state-law__grid" aria-label="Deadlines">
        {ROWS.map((row) => (
          <div key={row.title} className="state-law__row">
            <dt>{row.title}</dt>
            <dd>
              {days(current.deadlines[row.deadline])}, one extension of{' '}
              {days(current.deadlines[row.extension])}
            </dd>
          </div>
        ))}
      </dl>
      <p className="form__lead">
        {current.federal ? 'The federal deadlines apply. ' : ''}
        {current.stateNotice ? 'A state notice prints on letters and denials. ' : 'No state notice is set. '}
        The practice owner sets these.
      </p>
      {current.stateNotice && <blockquote className="state-law__notice">{current.stateNotice}</blockquote>}
    </div>
  );
}

const valuesOf = (s: StateLaw): Values => ({
  deadlines: { ...s.deadlines },
  stateNotice: s.stateNotice ?? '',
});

function StateLawForm({ current }: { current: StateLaw }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(StateLawInput),
    defaultValues: valuesOf(current),
  });
  const { errors, isDirty } = form.formState;

  const update = useMutation({
    mutationFn: (values: Parsed) => call('practice.updateStateLaw', values),
    onSuccess: (next) => {
      queryClient.setQueryData(STATE_LAW_KEY, next);
      form.reset(valuesOf(next));
      setSaved(true);
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: FIELDS }));
    },
  });

  const dayField = (name: DeadlineName, label: string) => (
    <Field
      label={label}
      hint={`1 to ${String(FEDERAL_DEADLINES[name])} days (federal: ${String(FEDERAL_DEADLINES[name])}).`}
      error={errors.deadlines?.[name]?.message}
    >
      <TextInput
        type="number"
        inputMode="numeric"
        min={1}
        max={FEDERAL_DEADLINES[name]}
        step={1}
        aria-label={`${DEADLINE_LABELS[name]} (days)`}
        {...form.register(`deadlines.${name}`, { valueAsNumber: true })}
      />
    </Field>
  );

  return (
    <form
      className="form"
      noValidate
      aria-label="State law"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(false);
          update.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !isDirty && (
        <Banner tone="success" live title="State-law settings saved">
          Requests recorded from now on use these deadlines; due dates already given do not change.
        </Banner>
      )}
      <div className="state-law__rows">
        {ROWS.map((row) => (
          <fieldset key={row.title} className="state-law__fieldset">
            <legend className="state-law__legend">
              {row.title} <span className="muted">{row.rule}</span>
            </legend>
            <div className="form__row form__row--narrow">
              {dayField(row.deadline, 'Deadline (days)')}
              {dayField(row.extension, 'One extension (days)')}
            </div>
          </fieldset>
        ))}
      </div>
      <Field
        label="State notice"
        optional
        hint="Printed on letters and access denials, e.g. your state board’s complaint address. Up to 2,000 characters."
        error={errors.stateNotice?.message}
      >
        <TextArea {...form.register('stateNotice')} rows={3} maxLength={STATE_NOTICE_MAX} />
      </Field>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!isDirty}>
          Save state-law settings
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            for (const name of Object.keys(FEDERAL_DEADLINES) as DeadlineName[]) {
              form.setValue(`deadlines.${name}`, FEDERAL_DEADLINES[name], { shouldDirty: true });
            }
          }}
        >
          Use the federal deadlines
        </Button>
        {isDirty && (
          <Button
            variant="ghost"
            onClick={() => {
              form.reset(valuesOf(current));
            }}
          >
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}
