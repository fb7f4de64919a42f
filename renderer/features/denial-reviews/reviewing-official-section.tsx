// Settings > Review of a denied request (45 CFR 164.524(a)(4)): the owner designates, in advance,
// the licensed professional who reviews a reviewable denial of access — a clinician or the owner,
// or someone outside the practice (a solo practice names an outside one) — and the practice's
// target for the determination (the rule sets no day count). Others see who it is.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { DenialReviewSettings } from '../../../preload/contract/denial-reviews.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { Section } from '../../ui/section.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { cliniciansIn, directoryQuery } from '../clients/client-queries.ts';
import { REVIEW_SETTINGS_KEY, reviewSettingsQuery } from './denial-review-queries.ts';

interface Values {
  kind: 'staff' | 'outside';
  userId: string;
  name: string;
  credentials: string;
  contact: string;
  targetDays: number;
}
const FIELDS = ['kind', 'userId', 'name', 'credentials', 'contact', 'targetDays'] as const;

/** "Dr. Bea Reviewer, LCSW (staff) · a determination within 10 days". */
export function officialSummary(s: DenialReviewSettings): string {
  if (!s.official) return 'No reviewing official is designated yet.';
  const o = s.official;
  const who = `${o.name}${o.credentials ? `, ${o.credentials}` : ''}`;
  const where =
    o.kind === 'outside' ? `outside the practice${o.contact ? ` (${o.contact})` : ''}` : 'on staff';
  return `${who}, ${where}. Target for a determination: ${String(s.targetDays)} days after the client asks.`;
}

export function ReviewingOfficialSection({ editable }: { editable: boolean }) {
  const settings = useQuery(reviewSettingsQuery);
  return (
    <Section
      title="Review of a denied request"
      description="When access is denied on a reviewable ground, the client may ask that a licensed professional who took no part in the denial review it (45 CFR 164.524(a)(4)). Name that reviewing official in advance; a practice with one licensed professional names someone outside it."
    >
      {settings.isPending && <LoadingState label="Loading the reviewing official…" />}
      {settings.isError && (
        <Banner tone="danger" live>
          {settings.error.message}
        </Banner>
      )}
      {settings.data?.official?.problem && (
        <Banner tone="warning" title="Designate another reviewing official">
          {settings.data.official.problem}
        </Banner>
      )}
      {settings.data &&
        (editable ? (
          <OfficialForm current={settings.data} />
        ) : (
          <p className="form__lead">{`${officialSummary(settings.data)} The practice owner sets this.`}</p>
        ))}
    </Section>
  );
}

function OfficialForm({ current }: { current: DenialReviewSettings }) {
  const queryClient = useQueryClient();
  const directory = useQuery(directoryQuery);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<DenialReviewSettings | null>(null);
  const o = current.official;
  const defaults: Values = {
    kind: o?.kind ?? 'staff',
    userId: o?.userId ?? '',
    name: o?.kind === 'outside' ? o.name : '',
    credentials: o?.kind === 'outside' ? (o.credentials ?? '') : '',
    contact: o?.kind === 'outside' ? (o.contact ?? '') : '',
    targetDays: current.targetDays,
  };
  const form = useForm<Values>({ defaultValues: defaults });
  const { errors, isDirty } = form.formState;
  const kind = useWatch({ control: form.control, name: 'kind' });

  const save = useMutation({
    mutationFn: (v: Values) =>
      call('denials.saveReviewSettings', {
        official:
          v.kind === 'staff'
            ? { kind: 'staff', userId: v.userId }
            : { kind: 'outside', name: v.name, credentials: v.credentials, contact: v.contact },
        targetDays: v.targetDays,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(REVIEW_SETTINGS_KEY, next);
      form.reset(form.getValues());
      setSaved(next);
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: FIELDS,
          mapPath: (path) => {
            const field = path.replace(/^official\./, '');
            return (FIELDS as readonly string[]).includes(field) ? (field as (typeof FIELDS)[number]) : null;
          },
        }),
      );
    },
  });

  return (
    <form
      className="form"
      noValidate
      aria-label="Reviewing official"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(null);
          save.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !isDirty && (
        <Banner tone="success" live title="Reviewing official saved">
          {officialSummary(saved)}
        </Banner>
      )}
      {!saved && o && !o.problem && <p className="form__lead">{officialSummary(current)}</p>}
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <ChoiceGroupField
            label="The reviewing official is"
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={errors.kind?.message}
            options={[
              { value: 'staff', label: 'A licensed staff member' },
              { value: 'outside', label: 'Someone outside the practice' },
            ]}
          />
        )}
      />
      {kind === 'staff' ? (
        <Field
          label="Staff member"
          hint="A clinician or the owner. They can never review a denial they made themselves."
          error={errors.userId?.message}
        >
          <Select {...form.register('userId')}>
            <option value="">Choose…</option>
            {cliniciansIn(directory.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <div className="form__row">
          <Field label="Name" error={errors.name?.message}>
            <TextInput autoComplete="off" {...form.register('name')} />
          </Field>
          <Field
            label="License or credentials"
            hint="For example: PsyD, licensed psychologist"
            error={errors.credentials?.message}
          >
            <TextInput autoComplete="off" {...form.register('credentials')} />
          </Field>
          <Field label="Contact (address, phone or email)" error={errors.contact?.message}>
            <TextInput autoComplete="off" {...form.register('contact')} />
          </Field>
        </div>
      )}
      <div className="form__row form__row--narrow">
        <Field
          label="Target for a determination (days)"
          hint="The law sets no day count; 1 to 60 days after the client asks. Open reviews show in the due list."
          error={errors.targetDays?.message}
        >
          <TextInput
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            {...form.register('targetDays', { valueAsNumber: true })}
          />
        </Field>
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!isDirty && o !== null}>
          Save reviewing official
        </Button>
        {isDirty && (
          <Button
            variant="ghost"
            onClick={() => {
              form.reset(defaults);
            }}
          >
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}
