// The assigned clinician's review: the record types and date range (minimum necessary), a preview
// of exactly what will leave, then approve or deny. Others see who reviews and what was approved.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Ban, CircleCheck, Eye, Stethoscope } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import {
  RECORD_TYPE_LABELS,
  Selection,
  todayIso,
  type PackageDocument,
  type RecordType,
  type ReleaseRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { addDays, formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { CheckboxField, Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { DenyDialog } from './deny-dialog.tsx';
import { DocumentPreview } from './document-preview.tsx';
import { releaseChanged } from './release-queries.ts';

const TYPES = Object.keys(RECORD_TYPE_LABELS) as RecordType[];
const OPEN = ['draft', 'authorized', 'approved'];

const keyOf = (s: Selection): string =>
  JSON.stringify([[...s.recordTypes].sort(), s.from, s.to, s.includePart2]);

function initialSelection(record: ReleaseRecord): Selection {
  return (
    record.selection ?? {
      recordTypes: ['progress_notes', 'screenings'],
      from: addDays(record.summary.receivedOn, -365),
      to: todayIso(),
      includePart2: false,
    }
  );
}

export function ReviewCard({ record }: { record: ReleaseRecord }) {
  const { session } = useSignedIn();
  const [denying, setDenying] = useState(false);
  const { summary, next } = record;
  const reviewer = session.user.role !== 'front_desk' && (next.canApprove || next.canDeny);
  const clinician = summary.assignedClinician.displayName;

  const deny = reviewer && next.canDeny && (
    <Button
      variant="danger"
      icon={<Ban aria-hidden="true" size={16} />}
      onClick={() => {
        setDenying(true);
      }}
    >
      Deny request
    </Button>
  );
  let body;
  if (summary.status === 'authorized' && reviewer && next.canApprove)
    body = <SelectionForm record={record} deny={deny} />;
  else if (record.selection && record.approvedBy)
    body = (
      <div className="review-approved">
        <p className="review-approved__who">
          <CircleCheck aria-hidden="true" size={16} /> Approved by {record.approvedBy.displayName}
          {record.approvedAt ? `, ${formatShortDateTime(record.approvedAt)}` : ''}
        </p>
        <SelectionSummary selection={record.selection} />
      </div>
    );
  else if (summary.status === 'draft')
    body = (
      <div className="release-wait">
        <p className="muted">{clinician} reviews the request once its authority is on file.</p>
        {deny}
      </div>
    );
  else if (summary.status === 'authorized')
    body = (
      <p className="release-wait muted">
        Waiting for {clinician} to choose the records, preview them and approve or deny. Only the clinician on
        the care team, or the practice owner, can approve.
      </p>
    );
  else body = <p className="muted">Not reviewed: the request was closed before approval.</p>;

  return (
    <Card
      title="Clinician review"
      icon={<Stethoscope size={18} />}
      description={`Minimum necessary: the record types and dates chosen by ${clinician}.`}
    >
      {body}
      {OPEN.includes(summary.status) && summary.status === 'approved' && reviewer && next.canDeny && (
        <div className="release-wait">{deny}</div>
      )}
      {denying && (
        <DenyDialog
          record={record}
          onClose={() => {
            setDenying(false);
          }}
        />
      )}
    </Card>
  );
}

export function SelectionSummary({ selection }: { selection: Selection }) {
  return (
    <dl className="release-facts">
      <div className="release-facts__row">
        <dt>Records</dt>
        <dd>{selection.recordTypes.map((t) => RECORD_TYPE_LABELS[t]).join(', ')}</dd>
      </div>
      <div className="release-facts__row">
        <dt>Dates</dt>
        <dd>
          {formatCalendarDate(selection.from)} to {formatCalendarDate(selection.to)}
        </dd>
      </div>
      <div className="release-facts__row">
        <dt>Part 2 records</dt>
        <dd>{selection.includePart2 ? 'Included (with the 42 CFR 2.32 notice)' : 'Not included'}</dd>
      </div>
    </dl>
  );
}

function SelectionForm({ record, deny }: { record: ReleaseRecord; deny: ReactNode }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [preview, setPreview] = useState<{ key: string; document: PackageDocument } | null>(null);
  const form = useForm<Selection, unknown, Selection>({
    resolver: zodResolver(Selection),
    defaultValues: initialSelection(record),
  });
  const values = useWatch({ control: form.control }) as Selection;
  const current = keyOf({ ...values, recordTypes: values.recordTypes });
  const previewed = preview?.key === current;
  const kind = record.summary.kind;
  const noPsychotherapy = kind === 'access' || kind === 'emergency';
  const onError = (error: unknown) => {
    setProblem(
      applyServerError(error, form.setError, { fields: ['recordTypes', 'from', 'to', 'includePart2'] }),
    );
  };
  const show = useMutation({
    mutationFn: (selection: Selection) =>
      call('releases.preview', { requestId: record.summary.id, selection }),
    onSuccess: (document, selection) => {
      setPreview({ key: keyOf(selection), document });
    },
    onError,
  });
  const approve = useMutation({
    mutationFn: (selection: Selection) =>
      call('releases.approve', { requestId: record.summary.id, selection }),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
    },
    onError,
  });
  const { errors } = form.formState;
  const submit = (action: 'preview' | 'approve') =>
    form.handleSubmit((selection) => {
      setProblem(null);
      if (action === 'preview') show.mutate(selection);
      else approve.mutate(selection);
    });

  return (
    <div className="review">
      <form className="form review__form" aria-label="Records to release" noValidate>
        <ProblemBanner problem={problem} title="This selection cannot be released" />
        <fieldset className="release-form__group">
          <legend className="field__label">Record types</legend>
          <div className="record-types">
            {TYPES.map((t) => (
              <CheckboxField
                key={t}
                value={t}
                disabled={t === 'psychotherapy_notes' && noPsychotherapy}
                label={
                  t === 'psychotherapy_notes' ? (
                    <>
                      {RECORD_TYPE_LABELS[t]}
                      <span className="checkbox__detail">
                        {noPsychotherapy
                          ? 'Never part of a client’s access request or an emergency disclosure.'
                          : 'Only with a psychotherapy-notes authorization of their own.'}
                      </span>
                    </>
                  ) : (
                    RECORD_TYPE_LABELS[t]
                  )
                }
                {...form.register('recordTypes')}
              />
            ))}
          </div>
          {errors.recordTypes?.message && <p className="field__error">{errors.recordTypes.message}</p>}
        </fieldset>
        <div className="form__row">
          <Field label="From" error={errors.from?.message}>
            <TextInput type="date" {...form.register('from')} />
          </Field>
          <Field label="To" error={errors.to?.message}>
            <TextInput type="date" {...form.register('to')} />
          </Field>
        </div>
        <CheckboxField
          label={
            <>
              Include substance-use records of our 42 CFR Part 2 program
              <span className="checkbox__detail">
                Needs a Part 2 consent, or a court order meeting 42 CFR 2.61–2.64. The package then carries
                the 2.32 redisclosure notice.
              </span>
            </>
          }
          {...form.register('includePart2')}
        />
        <div className="review__actions">
          <Button
            icon={<Eye aria-hidden="true" size={16} />}
            busy={show.isPending}
            onClick={() => {
              void submit('preview')();
            }}
          >
            Preview what will leave
          </Button>
          <Button
            variant="primary"
            icon={<CircleCheck aria-hidden="true" size={16} />}
            disabled={!previewed}
            busy={approve.isPending}
            onClick={() => {
              void submit('approve')();
            }}
          >
            Approve this release
          </Button>
          {deny}
        </div>
        {!previewed && (
          <p className="field__hint">
            Preview the exact pages first; approving releases what the preview shows.
          </p>
        )}
      </form>
      {preview && (
        <div className={previewed ? 'review__preview' : 'review__preview review__preview--stale'}>
          {!previewed && (
            <Banner tone="warning" title="The selection changed">
              Preview again to see what this selection would release.
            </Banner>
          )}
          <DocumentPreview document={preview.document} />
        </div>
      )}
    </div>
  );
}
