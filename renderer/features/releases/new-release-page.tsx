// A new release request: the client, the kind of request, and that kind's details. Main creates it
// as a draft and assigns the client's primary clinician (or the deciding clinician) to review it.
// Until then what is typed is the person's own draft (`release-new`), back when they return.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldErrors, type Path } from 'react-hook-form';
import { z } from 'zod';
import {
  ClientSummary,
  CreateReleaseInput,
  draftKey,
  RELEASE_KIND_LABELS,
  type ReleaseKind,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatShortTime } from '../../lib/calendar-date.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { fieldPaths } from '../../lib/form-values.ts';
import { useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormDraft } from '../../lib/use-form-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { DraftIndicator } from '../../ui/draft-indicator.tsx';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { go } from '../clients/client-routes.ts';
import { ClientPicker } from './client-picker.tsx';
import { releaseChanged } from './release-queries.ts';
import { releaseHref, releasesHref } from './release-routes.ts';
import { RequestDetailsFields } from './request-details-fields.tsx';
import { emptyRequest, toCreateInput, type RequestValues } from './request-values.ts';

const KIND_DESCRIPTIONS: Record<ReleaseKind, string> = {
  access:
    'The client (or their personal representative) asks for a copy. Due within 30 days, or the shorter deadline state law sets (Settings → State law); no authorization needed.',
  third_party:
    'Someone else asks, with the client’s signed authorization (45 CFR 164.508). Record the authorization next.',
  legal_order: 'A court order, or a subpoena with the required assurances. Only what it names may go.',
  emergency:
    'No authorization: a documented reason and the clinician who decided. Part 2 records only in a medical emergency.',
};

const KIND_OPTIONS: ChoiceOption<ReleaseKind>[] = (Object.keys(RELEASE_KIND_LABELS) as ReleaseKind[]).map(
  (k) => ({ value: k, label: RELEASE_KIND_LABELS[k], description: KIND_DESCRIPTIONS[k] }),
);

type Parsed = z.output<typeof CreateReleaseInput>;
const schema = z
  .custom<RequestValues>()
  .transform((v) => toCreateInput(v))
  .pipe(CreateReleaseInput);

const DRAFT = draftKey('release-new');

/** The request as the person left it: the fields typed, and the client picked if still well formed. */
function restoredRequest(saved: SavedDraft | null): RequestValues {
  const values = withDraft(emptyRequest(), saved) as RequestValues;
  const client = ClientSummary.safeParse(values.client);
  return client.success && client.data.id === values.clientId
    ? values
    : { ...values, clientId: '', client: null };
}

export function NewReleasePage() {
  const saved = useSavedDraft(DRAFT);
  return saved === undefined ? null : <NewReleaseForm saved={saved} />;
}

function NewReleaseForm({ saved }: { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [restored, setRestored] = useState(saved !== null);
  const base = zodResolver(schema);
  const form = useForm<RequestValues, unknown, Parsed>({
    defaultValues: restoredRequest(saved),
    resolver: async (values, context, options) => {
      const result = await base(values, context, options);
      // The contract's messages for an empty id or kind are not meant for this form.
      const errors: FieldErrors<RequestValues> = { ...result.errors };
      if (!values.clientId && errors.clientId)
        errors.clientId = { type: 'required', message: 'Choose the client.' };
      if (!values.details.kind)
        return {
          values: {},
          errors: {
            ...errors,
            details: { kind: { type: 'required', message: 'Choose what kind of request this is.' } },
          },
        };
      // 42 CFR 2.51: when "medical personnel" is chosen and still refused, the name is what is wrong.
      const role = errors.details?.recipientRole;
      if (role && values.details.recipientRole === 'medical_personnel') {
        const { recipientRole: _moved, ...details } = errors.details ?? {};
        errors.details = { ...details, recipient: { ...details.recipient, name: role } };
      }
      return Object.keys(errors).length > 0 ? { values: {}, errors } : result;
    },
  });
  const { errors } = form.formState;
  const draft = useFormDraft(form, DRAFT, saved?.savedAt ?? null, 500);
  const client = useWatch({ control: form.control, name: 'client' });

  const create = useMutation({
    mutationFn: (input: Parsed) => call('releases.create', input),
    onSuccess: async (record) => {
      await draft.discard();
      releaseChanged(queryClient, record);
      go(releaseHref(record.summary.id));
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: fieldPaths(form.getValues()) as Path<RequestValues>[],
          mapPath: (path) =>
            (path === 'details.recipientRole' &&
            form.getValues('details.recipientRole') === 'medical_personnel'
              ? 'details.recipient.name'
              : path) as Path<RequestValues>,
        }),
      );
    },
  });

  return (
    <div className="page release-new">
      <a className="back-link" href={releasesHref}>
        <ArrowLeft aria-hidden="true" size={16} />
        Releases
      </a>
      <PageHeader
        title="New release request"
        description="Who the records are about, what kind of request it is, and who asked. Authorization and the clinician’s review come next."
      />
      {restored && (
        <Banner
          tone="info"
          title="Your unsaved request was restored"
          actions={
            <Button
              size="sm"
              onClick={() => {
                void draft.discard();
                form.reset(emptyRequest());
                setRestored(false);
              }}
            >
              Discard draft
            </Button>
          }
        >
          What you typed before{saved ? ` (saved ${formatShortTime(saved.savedAt)})` : ''} is back in the
          form. The request is opened only once you choose “Open request”.
        </Banner>
      )}
      <form
        className="form panel release-form"
        aria-label="New release request"
        noValidate
        onBlur={draft.flush}
        onSubmit={(event) => {
          void form.handleSubmit((input) => {
            setProblem(null);
            create.mutate(input);
          })(event);
        }}
      >
        <ProblemBanner problem={problem} title="The request was not created" />
        <Controller
          control={form.control}
          name="clientId"
          render={({ field }) => (
            <ClientPicker
              value={client}
              inputRef={field.ref}
              error={errors.clientId?.message}
              onChange={(c) => {
                form.setValue('client', c, { shouldDirty: true });
                field.onChange(c?.id ?? '');
              }}
            />
          )}
        />
        <Controller
          control={form.control}
          name="details.kind"
          render={({ field }) => (
            <ChoiceGroupField
              label="Kind of request"
              name={field.name}
              variant="cards"
              options={KIND_OPTIONS}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              error={errors.details?.kind?.message}
              className="release-kinds"
            />
          )}
        />
        <RequestDetailsFields form={form} />
        <div className="form__actions form__actions--end">
          <DraftIndicator state={draft.state} />
          <a className="btn btn--ghost btn--md" href={releasesHref}>
            <span className="btn__label">Cancel</span>
          </a>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Open request
          </Button>
        </div>
      </form>
    </div>
  );
}
