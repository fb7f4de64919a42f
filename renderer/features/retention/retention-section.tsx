// Settings > Retention and destruction (owner): the practice's retention rule, the charts past it
// with their dates (and the charts under a legal hold), holds placed and lifted, the destruction of
// a chart after its number is typed, and the tombstones of destroyed charts. main decides whether a
// chart may be destroyed and says why not; this section shows its words.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Archive, FileX2, Lock, LockOpen } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  RETENTION_BASIS_LABELS,
  type RetentionChart,
  type RetentionSettings,
  type RetentionSettingsInput,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { Section } from '../../ui/section.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { Table } from '../../ui/table.tsx';
import { DestroyChartDialog } from './destroy-chart-dialog.tsx';
import { LiftHoldDialog, PlaceHoldDialog } from './hold-dialogs.tsx';
import {
  RETENTION_SETTINGS_KEY,
  retentionChanged,
  retentionQuery,
  retentionSettingsQuery,
} from './retention-queries.ts';

export function RetentionSection() {
  return (
    <Section
      className="retention-section"
      title="Retention and destruction"
      description="How long the practice keeps clinical records, the charts past that time, legal holds, and the secure destruction of a chart. Destruction removes the chart from this computer's database for good; a certificate and a tombstone stay."
    >
      <div className="stack retention">
        <RetentionRuleForm />
        <ChartsPastRetention />
      </div>
    </Section>
  );
}

const FIELDS = ['clinicalYears', 'minorYearsAfterMajority', 'ageOfMajority'] as const;

function RetentionRuleForm() {
  const settings = useQuery(retentionSettingsQuery);
  if (settings.isPending) return <LoadingState label="Loading the retention rule…" />;
  if (settings.isError)
    return (
      <Banner tone="danger" live>
        {settings.error.message}
      </Banner>
    );
  return <RuleForm current={settings.data} />;
}

function RuleForm({ current }: { current: RetentionSettings }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<RetentionSettingsInput>({
    defaultValues: {
      clinicalYears: current.clinicalYears,
      minorYearsAfterMajority: current.minorYearsAfterMajority,
      ageOfMajority: current.ageOfMajority,
    },
  });
  const save = useFormMutation({
    mutationFn: (v: RetentionSettingsInput) => call('retention.updateSettings', v),
    onSuccess: (next) => {
      queryClient.setQueryData(RETENTION_SETTINGS_KEY, next);
      retentionChanged(queryClient);
      form.reset(form.getValues());
      setSaved(true);
    },
    form: { setError: form.setError, fields: FIELDS },
  });
  const { errors, isDirty } = form.formState;
  return (
    <form
      className="form"
      noValidate
      aria-label="Retention rule"
      onSubmit={(event) => {
        setSaved(false);
        void form.handleSubmit(save.submit)(event);
      }}
    >
      <ProblemBanner problem={save.problem} title="The retention rule was not saved" />
      <div className="retention__rule">
        <Field
          label="Clinical records: years after the last visit"
          hint="State law; commonly 7 or more."
          error={errors.clinicalYears?.message}
        >
          <TextInput
            type="number"
            min={6}
            max={50}
            {...form.register('clinicalYears', { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="Minors: years after the age of majority"
          hint="The later of the two dates applies."
          error={errors.minorYearsAfterMajority?.message}
        >
          <TextInput
            type="number"
            min={0}
            max={50}
            {...form.register('minorYearsAfterMajority', { valueAsNumber: true })}
          />
        </Field>
        <Field label="Age of majority" error={errors.ageOfMajority?.message}>
          <TextInput
            type="number"
            min={18}
            max={21}
            {...form.register('ageOfMajority', { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="HIPAA documentation"
          hint="Authorizations, denials, disclosures: fixed by 45 CFR 164.530(j)(2)."
        >
          <TextInput value={`${String(current.hipaaYears)} years`} readOnly aria-readonly="true" />
        </Field>
      </div>
      <div className="form__actions">
        {saved && !isDirty && <span className="muted">Saved.</span>}
        <Button type="submit" variant="primary" disabled={!isDirty || save.pending}>
          Save rule
        </Button>
      </div>
    </form>
  );
}

type Open =
  | { kind: 'hold'; chart: RetentionChart }
  | { kind: 'lift'; chart: RetentionChart }
  | { kind: 'destroy'; chart: RetentionChart }
  | null;

function ChartsPastRetention() {
  const overview = useQuery(retentionQuery);
  const [open, setOpen] = useState<Open>(null);
  if (overview.isPending) return <LoadingState label="Looking for charts past retention…" />;
  if (overview.isError)
    return (
      <Banner tone="danger" live>
        {overview.error.message}
      </Banner>
    );
  const { charts, tombstones, today } = overview.data;
  return (
    <>
      <h3 className="retention__heading">Charts past retention</h3>
      {charts.length === 0 ? (
        <p className="muted">{`No chart is past its retention date today (${formatCalendarDate(today)}).`}</p>
      ) : (
        <Table caption="Charts past retention and charts under a legal hold">
          <thead>
            <tr>
              <th scope="col">Chart</th>
              <th scope="col">Last visit</th>
              <th scope="col">Kept through</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {charts.map((c) => (
              <tr key={c.clientId}>
                <td className="retention__chart">
                  <span className="retention__name">{c.name}</span>
                  <span className="muted">{`Chart ${c.chartNumber} · born ${formatCalendarDate(c.dateOfBirth)}`}</span>
                </td>
                <td>
                  {c.lastVisitOn
                    ? formatCalendarDate(c.lastVisitOn)
                    : `None (registered ${formatCalendarDate(c.registeredOn)})`}
                </td>
                <td>
                  {formatCalendarDate(c.retainUntil)}
                  <span className="muted retention__basis">{RETENTION_BASIS_LABELS[c.basis]}</span>
                </td>
                <td>
                  {c.hold ? (
                    <span className="retention__hold">
                      <Badge tone="warning">Legal hold</Badge>
                      <span className="muted">{`${c.hold.reason} · ${c.hold.placedBy}, ${formatCalendarDate(c.hold.placedOn)}`}</span>
                    </span>
                  ) : c.blockers.length === 0 ? (
                    <Badge tone="danger">May be destroyed</Badge>
                  ) : (
                    <span className="muted">{c.blockers.join(' ')}</span>
                  )}
                </td>
                <td className="retention__actions">
                  {c.hold ? (
                    <Button
                      size="sm"
                      icon={<LockOpen aria-hidden="true" size={15} />}
                      onClick={() => {
                        setOpen({ kind: 'lift', chart: c });
                      }}
                    >
                      Lift hold
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      icon={<Lock aria-hidden="true" size={15} />}
                      onClick={() => {
                        setOpen({ kind: 'hold', chart: c });
                      }}
                    >
                      Place hold
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="danger"
                    icon={<FileX2 aria-hidden="true" size={15} />}
                    disabled={c.blockers.length > 0}
                    onClick={() => {
                      setOpen({ kind: 'destroy', chart: c });
                    }}
                  >
                    Destroy…
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <h3 className="retention__heading">Destroyed charts</h3>
      {tombstones.length === 0 ? (
        <p className="muted">No chart has been destroyed.</p>
      ) : (
        <Table caption="Destroyed charts (tombstones)">
          <thead>
            <tr>
              <th scope="col">Chart</th>
              <th scope="col">Destroyed</th>
              <th scope="col">Kept through</th>
              <th scope="col">Reason</th>
              <th scope="col">Certificate</th>
            </tr>
          </thead>
          <tbody>
            {tombstones.map((t) => (
              <tr key={t.clientId}>
                <td className="retention__chart">
                  <Archive aria-hidden="true" size={14} className="retention__icon" />
                  {`Chart ${t.chartNumber}`}
                </td>
                <td>{`${formatDateTime(t.destroyedAt)} by ${t.approvedBy}`}</td>
                <td>{formatCalendarDate(t.retainUntil)}</td>
                <td>{t.reason}</td>
                <td className="retention__folder">{t.certificateFolder}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {open?.kind === 'hold' && (
        <PlaceHoldDialog
          chart={open.chart}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
      {open?.kind === 'lift' && (
        <LiftHoldDialog
          chart={open.chart}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
      {open?.kind === 'destroy' && (
        <DestroyChartDialog
          chart={open.chart}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
    </>
  );
}
