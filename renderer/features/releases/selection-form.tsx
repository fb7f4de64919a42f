// The reviewer's choice (minimum necessary): the kinds of record and the dates, Part 2 records or
// not, then "Preview what will leave" — beside the choices, what will not leave and why, then the
// exact document — and "Approve this release", which freezes exactly what the preview showed.
// The choice starts from what the request's authority covers (main's reviewDefaults, said above
// the form); kinds of record it cannot reach are offered but disabled, with the reason; addenda are
// ticked with their notes. Main decides.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, Eye, FileSearch } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import {
  RECORD_TYPE_LABELS,
  Selection,
  type RecordType,
  type ReleasePreview,
  type ReleaseRecord,
  withAddenda,
} from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { DocumentPreview } from './document-preview.tsx';
import { AmendmentsList, notesBesides, PreviewNotes, WithheldList } from './release-preview.tsx';
import { releaseChanged } from './release-queries.ts';
import { initialSelection, unavailableTypes } from './selection-rules.ts';

const TYPES = Object.keys(RECORD_TYPE_LABELS) as RecordType[];
/** What a kind of record carries when it is not read by the dates alone (main's records.ts). */
const WHAT_GOES: Partial<Record<RecordType, string>> = {
  diagnoses: 'The list as it stands when approved, each with its history of changes.',
  treatment_plans:
    'Versions signed by the clinician and the client in force between these dates; never a draft.',
};
const FIELDS = ['recordTypes', 'from', 'to', 'includePart2'] as const;

const keyOf = (s: Selection): string =>
  JSON.stringify([[...s.recordTypes].sort(), s.from, s.to, s.includePart2]);

/** Main's reasons a selection cannot leave: each in the banner's list, none repeated. */
function selectionProblem(error: unknown, placed: FormProblem | null): FormProblem | null {
  if (!placed || !isApiError(error) || error.fields.length === 0) return placed;
  const reasons = error.fields.filter((f) => f.path === 'selection').map((f) => f.message);
  if (reasons.length === 0) return placed;
  return reasons.length === 1
    ? { message: reasons[0] ?? '', details: [] }
    : { message: 'Change the selection:', details: reasons };
}

export function SelectionForm({ record, deny }: { record: ReleaseRecord; deny: ReactNode }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [preview, setPreview] = useState<{ key: string; preview: ReleasePreview } | null>(null);
  const form = useForm<Selection, unknown, Selection>({
    resolver: zodResolver(Selection),
    defaultValues: initialSelection(record),
  });
  const values = useWatch({ control: form.control }) as Selection;
  const current = keyOf({ ...values, recordTypes: values.recordTypes });
  const previewed = preview?.key === current;
  const unavailable = unavailableTypes(record);
  // A reason shared by several kinds is said once under the list, not under every box.
  const reasons = Object.values(unavailable);
  const shared = new Set(reasons.filter((r, i) => reasons.indexOf(r) !== i));
  const onError = (error: unknown) => {
    setProblem(selectionProblem(error, applyServerError(error, form.setError, { fields: FIELDS })));
  };
  const show = useMutation({
    mutationFn: (selection: Selection) =>
      call('releases.preview', { requestId: record.summary.id, selection }),
    onSuccess: (result, selection) => {
      setPreview({ key: keyOf(selection), preview: result });
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
      <div className="review__side">
        <form className="form review__form" aria-label="Records to release" noValidate>
          <ProblemBanner problem={problem} title="This selection cannot be released" />
          {record.reviewDefaults && (
            <p className="review__defaults">
              <span className="review__defaults-label">Pre-selected</span> {record.reviewDefaults.source}
            </p>
          )}
          <Controller
            control={form.control}
            name="recordTypes"
            render={({ field }) => (
              <ChoiceGroupField<RecordType>
                multiple
                label="Kinds of record"
                name={field.name}
                options={TYPES.map((t) => {
                  const why = unavailable[t];
                  return {
                    value: t,
                    label: RECORD_TYPE_LABELS[t],
                    description: why ? (shared.has(why) ? undefined : why) : WHAT_GOES[t],
                    disabled: why !== undefined,
                  };
                })}
                // Addenda are ticked exactly when notes are: they go with them (main's rule).
                value={withAddenda(field.value)}
                onChange={(types) => {
                  field.onChange(withAddenda(types));
                }}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={errors.recordTypes?.message}
                hint={
                  shared.size === 0
                    ? undefined
                    : [...shared].map((why) => (
                        <p key={why} className="review__unavailable">
                          {why.replace(/\.$/, '')}:{' '}
                          {TYPES.filter((t) => unavailable[t] === why)
                            .map((t) => RECORD_TYPE_LABELS[t])
                            .join(', ')}
                          .
                        </p>
                      ))
                }
                optionsClassName="record-types record-types--single"
              />
            )}
          />
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
                  Notes, intake sections, diagnoses and treatment plans recorded in the program. Needs a Part
                  2 consent, a court order meeting 42 CFR 2.61–2.64, or a medical emergency. The package then
                  carries the 2.32 notice.
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
          </div>
          {!previewed && (
            <p className="field__hint">Preview first: approving releases exactly what the preview shows.</p>
          )}
        </form>
        {deny && <div className="review__deny">{deny}</div>}
      </div>
      <div className="review__main">
        {preview ? (
          <div className={previewed ? 'review__preview' : 'review__preview review__stale'}>
            {!previewed && (
              <Banner tone="warning" title="The selection changed">
                Preview again to see what this selection would release.
              </Banner>
            )}
            {/* What stays behind first: short, and what a reviewer must not miss. */}
            <WithheldList withheld={preview.preview.withheld} />
            <AmendmentsList amendments={preview.preview.amendments} />
            <PreviewNotes notes={notesBesides(preview.preview)} />
            <DocumentPreview document={preview.preview.document} />
          </div>
        ) : (
          <div className="review__placeholder">
            <FileSearch aria-hidden="true" size={28} />
            <p>
              Choose the kinds of record and the dates, then <strong>Preview what will leave</strong>. The
              exact pages appear here, with what will not leave and why.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
