// Records a signed authorization with every element 45 CFR 164.508(c) requires, each an explicit
// field or checkbox: the kinds of record and period it covers, who receives it and why (prefilled
// from the request, which they must match), who signed (the client or a representative on the
// chart); a psychotherapy-notes authorization is its own form; a Part 2 consent adds the 42 CFR
// 2.31 elements. Main's refusals land on their fields. A scan may be attached.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Paperclip } from 'lucide-react';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { AuthorizationInput, draftKey, type ReleaseRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { AuthorizationCoverage } from './authorization-coverage.tsx';
import {
  AUTHORIZATION_FIELDS,
  AUTHORIZATION_TYPE_LABELS,
  DEFAULT_RECORD_TYPES,
  initialAuthorization,
  typesFor,
  type AuthorizationType,
  type AuthorizationValues,
} from './authorization-values.ts';
import { authorityOf, RepresentativesOnFile } from './representatives-on-file.tsx';
import { releaseChanged } from './release-queries.ts';
import { readScan, type Scan } from './scan.ts';

type Parsed = z.output<typeof AuthorizationInput>;
const schema = z
  .custom<AuthorizationValues>()
  .transform((v): unknown => ({ ...v, type: v.type || undefined }))
  .pipe(AuthorizationInput);

const TYPE_OPTIONS: ChoiceOption<AuthorizationType>[] = [
  {
    value: 'hipaa',
    label: AUTHORIZATION_TYPE_LABELS.hipaa,
    description: 'For the record: progress notes, assessments, intake. 45 CFR 164.508(c).',
  },
  {
    value: 'psychotherapy_notes',
    label: AUTHORIZATION_TYPE_LABELS.psychotherapy_notes,
    description: 'A form of its own that names psychotherapy notes and nothing else.',
  },
  {
    value: 'part2',
    label: AUTHORIZATION_TYPE_LABELS.part2,
    description: 'For substance-use records of our Part 2 program. 42 CFR 2.31.',
  },
];

interface AuthorizationDialogProps {
  record: ReleaseRecord;
  onClose: () => void;
}

/**
 * What is typed is a draft until the authorization is recorded (`authorization:<request id>`); a
 * scan is not kept in it, and is attached again.
 */
export function AuthorizationDialog(props: AuthorizationDialogProps) {
  const saved = useSavedDraft(draftKey('authorization', props.record.summary.id));
  return saved === undefined ? null : <AuthorizationForm {...props} saved={saved} />;
}

function AuthorizationForm({
  record,
  onClose,
  saved,
}: AuthorizationDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const { practiceName } = useSignedIn();
  const [scan, setScan] = useState<Scan | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const form = useForm<AuthorizationValues, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: withDraft(initialAuthorization(record, practiceName), saved),
  });
  const draft = useDialogDraft(form, draftKey('authorization', record.summary.id), saved);
  const { errors } = form.formState;
  const [type, representative] = useWatch({
    control: form.control,
    name: ['type', 'signerIsRepresentative'],
  });
  const types = typesFor(record);
  const typeOptions = TYPE_OPTIONS.filter((o) => types.includes(o.value));
  const request = record.details;

  const add = useFormMutation({
    mutationFn: (input: Parsed) => call('releases.addAuthorization', input),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: AUTHORIZATION_FIELDS },
  });

  return (
    <FormDialog
      title="Record an authorization"
      description={`For ${record.summary.clientName}. Copy each element from the signed form; every one is required.`}
      size="lg"
      onClose={onClose}
      draft={draft}
      mutation={add}
      onSubmit={form.handleSubmit((input) => {
        add.submit(scan ? { ...input, attachment: scan } : input);
      })}
      formLabel="Authorization"
      formClassName="authorization-form"
      problemTitle="The authorization was not recorded"
      submitLabel="Record authorization"
    >
      <Controller
        control={form.control}
        name="type"
        render={({ field }) => (
          <ChoiceGroupField
            label="Kind of authorization"
            name={field.name}
            variant="cards"
            options={typeOptions}
            value={field.value || null}
            onChange={(next) => {
              field.onChange(next);
              form.setValue('recordTypes', DEFAULT_RECORD_TYPES[next]);
            }}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.type?.message}
            className="authorization-kinds"
          />
        )}
      />
      <AuthorizationCoverage form={form} type={type} errors={errors} />
      <fieldset className="release-form__group">
        <legend className="field__label">Who discloses, to whom, and why</legend>
        <div className="form__row">
          <Field label="Who may disclose" error={errors.disclosingParty?.message}>
            <TextInput {...form.register('disclosingParty')} autoComplete="off" />
          </Field>
          <Field
            label="Purpose"
            hint={request.kind === 'third_party' ? 'Must match the request’s purpose.' : undefined}
            error={errors.purpose?.message}
          >
            <TextInput {...form.register('purpose')} autoComplete="off" />
          </Field>
        </div>
        <div className="form__row">
          <Field
            label="Who may receive it"
            hint={request.kind === 'emergency' ? undefined : 'Must match the request’s recipient.'}
            error={errors.recipientName?.message}
          >
            <TextInput {...form.register('recipientName')} autoComplete="off" />
          </Field>
          <Field label="Recipient address" optional error={errors.recipientAddress?.message}>
            <TextInput {...form.register('recipientAddress')} autoComplete="off" />
          </Field>
        </div>
        <div className="form__row">
          <Field label="Expires on" hint="A date, or the event beside it." error={errors.expiresOn?.message}>
            <TextInput type="date" {...form.register('expiresOn')} />
          </Field>
          <Field label="Or expires at an event" optional error={errors.expiryEvent?.message}>
            <TextInput
              {...form.register('expiryEvent')}
              placeholder="e.g. End of treatment"
              autoComplete="off"
            />
          </Field>
        </div>
      </fieldset>
      <fieldset className="release-form__group">
        <legend className="field__label">Signature</legend>
        <div className="form__row">
          <Field
            label="Signed by"
            hint={`${record.summary.clientName}, or a representative recorded on the chart.`}
            error={errors.signedBy?.message}
          >
            <TextInput {...form.register('signedBy')} autoComplete="off" />
          </Field>
          <Field label="Date signed" error={errors.signedOn?.message}>
            <TextInput type="date" {...form.register('signedOn')} />
          </Field>
        </div>
        <CheckboxField
          label="Signed by a parent, guardian or other personal representative"
          {...form.register('signerIsRepresentative')}
        />
        {representative && (
          <>
            <RepresentativesOnFile
              clientId={record.summary.clientId}
              onPick={(g) => {
                const validate = { shouldValidate: form.formState.isSubmitted };
                form.setValue('signedBy', g.name, validate);
                form.setValue('representativeAuthority', authorityOf(g), validate);
              }}
            />
            <Field
              label="Representative’s authority"
              hint="As the form states it, e.g. “parent of a minor”, “guardian, order no. …”. A parent’s authority ends at 18."
              error={errors.representativeAuthority?.message}
            >
              <TextInput {...form.register('representativeAuthority')} autoComplete="off" />
            </Field>
          </>
        )}
      </fieldset>
      <fieldset className="release-form__group">
        <legend className="field__label">Required statements on the form (45 CFR 164.508(c)(2))</legend>
        <CheckboxField
          label="The form states the right to revoke the authorization in writing, and how"
          error={errors.rightToRevokeStatement?.message}
          {...form.register('rightToRevokeStatement')}
        />
        <CheckboxField
          label="The form states whether treatment, payment or eligibility can be conditioned on signing"
          error={errors.conditioningStatement?.message}
          {...form.register('conditioningStatement')}
        />
        <CheckboxField
          label="The form states that information disclosed may be redisclosed by the recipient and no longer protected"
          error={errors.redisclosureStatement?.message}
          {...form.register('redisclosureStatement')}
        />
      </fieldset>
      {type === 'part2' && (
        <fieldset className="release-form__group">
          <legend className="field__label">Part 2 consent elements (42 CFR 2.31)</legend>
          <Field label="Patient name" error={errors.patientName?.message}>
            <TextInput {...form.register('patientName')} autoComplete="off" />
          </Field>
          <CheckboxField
            label="The description says it covers substance-use disorder information"
            error={errors.substanceUseDescribed?.message}
            {...form.register('substanceUseDescribed')}
          />
          <Field label="How to revoke" error={errors.howToRevoke?.message}>
            <TextInput {...form.register('howToRevoke')} autoComplete="off" />
          </Field>
        </fieldset>
      )}
      <div className="field">
        <span className="field__label">
          Scanned signed form <span className="field__optional">Optional</span>
        </span>
        <label className="btn btn--secondary btn--sm scan-input">
          <Paperclip aria-hidden="true" size={15} />
          <span className="btn__label">{scan ? 'Replace scan' : 'Attach a scan'}</span>
          <input
            type="file"
            className="sr-only"
            accept="application/pdf,image/png,image/jpeg"
            aria-label="Scanned signed form"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              void readScan(file).then((result) => {
                if (typeof result === 'string') {
                  setScan(null);
                  setScanError(result);
                } else {
                  setScan(result);
                  setScanError(null);
                }
              });
            }}
          />
        </label>
        {scan && <p className="field__hint">Attached: {scan.name}</p>}
        {scanError && <p className="field__error">{scanError}</p>}
      </div>
    </FormDialog>
  );
}
