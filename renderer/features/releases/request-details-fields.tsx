// The fields of a new request for its kind: who asked and how they were verified (164.514(h)),
// the recipient, and what each kind needs (a representative's authority, a directed copy's signed
// direction, the order's document details, the emergency's reason and deciding clinician).
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateReleaseInput } from '../../../preload/contract.ts';
import { useWatch, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import { cliniciansIn, directoryQuery } from '../clients/client-queries.ts';
import { CheckboxField, Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { VERIFICATION_LABELS, type RequestValues, type VerificationMethod } from './request-values.ts';

type Form = UseFormReturn<RequestValues, unknown, z.output<typeof CreateReleaseInput>>;
type DetailErrors = FieldErrors<RequestValues>['details'];

export function RequestDetailsFields({ form }: { form: Form }) {
  const kind = useWatch({ control: form.control, name: 'details.kind' });
  const errors = form.formState.errors.details;
  if (!kind) return null;
  return (
    <div className="release-form__kind">
      <div className="form__row">
        <Field label={kind === 'emergency' ? 'Date' : 'Date received'} error={errors?.receivedOn?.message}>
          <TextInput type="date" {...form.register('details.receivedOn')} />
        </Field>
        {(kind === 'access' || kind === 'third_party') && (
          <Field label="Who asked" error={errors?.requesterName?.message}>
            <TextInput {...form.register('details.requesterName')} autoComplete="off" />
          </Field>
        )}
      </div>
      {kind === 'access' && <AccessFields form={form} errors={errors} />}
      {kind === 'third_party' && (
        <Field
          label="Purpose"
          hint="As the requester states it, e.g. continuity of care."
          error={errors?.purpose?.message}
        >
          <TextInput {...form.register('details.purpose')} autoComplete="off" />
        </Field>
      )}
      {kind === 'legal_order' && <LegalOrderFields form={form} errors={errors} />}
      {kind === 'emergency' && <EmergencyFields form={form} errors={errors} />}
      {kind !== 'access' && <RecipientFields form={form} errors={errors} />}
      {kind !== 'emergency' && <VerificationFields form={form} errors={errors} />}
    </div>
  );
}

function RecipientFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  return (
    <fieldset className="release-form__group">
      <legend className="field__label">Recipient</legend>
      <div className="form__row">
        <Field label="Recipient name" error={errors?.recipient?.name?.message}>
          <TextInput {...form.register('details.recipient.name')} autoComplete="off" />
        </Field>
        <Field label="Recipient address" error={errors?.recipient?.address?.message}>
          <TextInput {...form.register('details.recipient.address')} autoComplete="off" />
        </Field>
      </div>
    </fieldset>
  );
}

function VerificationFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  return (
    <fieldset className="release-form__group">
      <legend className="field__label">Identity and authority checked (45 CFR 164.514(h))</legend>
      <div className="form__row">
        <Field label="How it was checked" error={errors?.verification?.method?.message}>
          <Select {...form.register('details.verification.method')}>
            <option value="">Choose…</option>
            {(Object.keys(VERIFICATION_LABELS) as VerificationMethod[]).map((m) => (
              <option key={m} value={m}>
                {VERIFICATION_LABELS[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Verification note" optional error={errors?.verification?.note?.message}>
          <TextInput {...form.register('details.verification.note')} autoComplete="off" />
        </Field>
      </div>
    </fieldset>
  );
}

function AccessFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  const [representative, directed] = useWatch({
    control: form.control,
    name: ['details.requesterIsRepresentative', 'details.directed'],
  });
  return (
    <>
      <CheckboxField
        label="The person asking is the client’s personal representative (parent, guardian)"
        {...form.register('details.requesterIsRepresentative')}
      />
      {representative && (
        <Field
          label="Representative’s authority"
          hint="E.g. parent of a minor; guardian under court order no. …"
          error={errors?.representativeAuthority?.message}
        >
          <TextInput {...form.register('details.representativeAuthority')} autoComplete="off" />
        </Field>
      )}
      <CheckboxField
        label="The client directs the copy to someone they name (45 CFR 164.524(c)(3)(ii))"
        {...form.register('details.directed')}
      />
      {directed && (
        <fieldset className="release-form__group">
          <legend className="field__label">Send the copy to</legend>
          <div className="form__row">
            <Field label="Name" error={errors?.directedTo?.name?.message}>
              <TextInput {...form.register('details.directedTo.name')} autoComplete="off" />
            </Field>
            <Field label="Address" error={errors?.directedTo?.address?.message}>
              <TextInput {...form.register('details.directedTo.address')} autoComplete="off" />
            </Field>
          </div>
          <CheckboxField
            label="The client’s signed, written direction is on file"
            {...form.register('details.signedDirectionOnFile')}
          />
        </fieldset>
      )}
      <Field label="Format the client asked for" error={errors?.format?.message}>
        <Select {...form.register('details.format')}>
          <option value="both">PDF and machine-readable (FHIR JSON)</option>
          <option value="pdf">PDF only</option>
          <option value="fhir">Machine-readable only (FHIR JSON)</option>
        </Select>
      </Field>
      <CheckboxField
        label={
          <>
            <strong>A medical emergency: the recipient is medical personnel treating it (42 CFR 2.51)</strong>
            <span className="checkbox__detail">
              Only then may records of the practice’s Part 2 program go with it. A warning to protect someone
              (duty to warn) never carries them.
            </span>
          </>
        }
        {...form.register('details.medicalEmergency')}
      />
    </>
  );
}

function LegalOrderFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  const orderType = useWatch({ control: form.control, name: 'details.orderType' });
  return (
    <fieldset className="release-form__group">
      <legend className="field__label">The document</legend>
      <div className="form__row">
        <Field label="Kind of document" error={errors?.orderType?.message}>
          <Select {...form.register('details.orderType')}>
            <option value="">Choose…</option>
            <option value="court_order">Court order</option>
            <option value="subpoena">Subpoena</option>
          </Select>
        </Field>
        <Field label="Date issued" error={errors?.issuedOn?.message}>
          <TextInput type="date" {...form.register('details.issuedOn')} />
        </Field>
      </div>
      <div className="form__row">
        <Field label="Court or issuing body" error={errors?.court?.message}>
          <TextInput {...form.register('details.court')} autoComplete="off" />
        </Field>
        <Field label="Case number" error={errors?.caseNumber?.message}>
          <TextInput {...form.register('details.caseNumber')} autoComplete="off" />
        </Field>
      </div>
      <Field label="Judge or issuer" error={errors?.issuedBy?.message}>
        <TextInput {...form.register('details.issuedBy')} autoComplete="off" />
      </Field>
      <Field
        label="What the order names"
        hint="Only what the document names may be released (45 CFR 164.512(e))."
        error={errors?.recordsNamed?.message}
      >
        <TextArea rows={2} {...form.register('details.recordsNamed')} />
      </Field>
      {orderType === 'subpoena' && (
        <Field
          label="Assurance"
          hint="A subpoena without a court order needs notice to the client or a qualified protective order."
          error={errors?.assurance?.message}
        >
          <Select {...form.register('details.assurance')}>
            <option value="none">None received yet</option>
            <option value="client_notified">The client was notified and had a chance to object</option>
            <option value="qualified_protective_order">A qualified protective order exists</option>
          </Select>
        </Field>
      )}
      {orderType === 'court_order' && (
        <CheckboxField
          label="The order meets 42 CFR 2.61–2.64 (needed to reach Part 2 substance-use records)"
          {...form.register('details.meetsPart2Order')}
        />
      )}
    </fieldset>
  );
}

function EmergencyFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  const directory = useQuery(directoryQuery);
  return (
    <>
      <Field
        label="The reason (the serious and imminent threat)"
        hint="No authorization is needed; the reason is required and is kept with the disclosure."
        error={errors?.reason?.message}
      >
        <TextArea rows={3} {...form.register('details.reason')} />
      </Field>
      <Field label="Clinician who decided" error={errors?.clinicianId?.message}>
        <Select {...form.register('details.clinicianId')}>
          <option value="">Choose…</option>
          {cliniciansIn(directory.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
