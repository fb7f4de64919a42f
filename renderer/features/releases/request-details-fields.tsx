// The fields of a new request for its kind: who asked and how they were verified (164.514(h)),
// the recipient, and what each kind needs (a representative on the chart and their authority, a
// directed copy's signed direction, the order's document details; emergency-fields.tsx has the
// disclosure without authorization).
import { useWatch } from 'react-hook-form';
import { PURPOSE_CATEGORY_LABELS, PurposeCategory } from '../../../preload/contract.ts';
import { CheckboxField, Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { EmergencyFields } from './emergency-fields.tsx';
import { authorityOf, RepresentativesOnFile } from './representatives-on-file.tsx';
import { VERIFICATION_LABELS, type VerificationMethod } from './request-values.ts';
import type { DetailErrors, RequestForm as Form } from './request-form.ts';

export function RequestDetailsFields({ form }: { form: Form }) {
  const kind = useWatch({ control: form.control, name: 'details.kind' });
  const errors = form.formState.errors.details;
  if (!kind) return null;
  return (
    <div className="release-form__kind">
      <div className="form__row">
        <Field
          label={kind === 'emergency' ? 'Date decided' : 'Date received'}
          error={errors?.receivedOn?.message}
        >
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
      {kind === 'third_party' && (
        <Field
          label="What the records are for"
          optional
          hint="A client’s restriction names purposes this way (45 CFR 164.522(a)); left blank, any restriction on this recipient applies."
          error={errors?.purposeCategory?.message}
        >
          <Select {...form.register('details.purposeCategory')}>
            <option value="">Not said</option>
            {PurposeCategory.options.map((c) => (
              <option key={c} value={c}>
                {PURPOSE_CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {kind === 'legal_order' && <LegalOrderFields form={form} errors={errors} />}
      {kind === 'emergency' && <EmergencyFields form={form} errors={errors} />}
      {(kind === 'third_party' || kind === 'legal_order') && <RecipientFields form={form} errors={errors} />}
      {kind !== 'emergency' && <VerificationFields form={form} errors={errors} />}
    </div>
  );
}

function RecipientFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  const kind = useWatch({ control: form.control, name: 'details.kind' });
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
      {kind === 'third_party' && (
        <CheckboxField
          label="The recipient is a health plan (an insurer, HMO, Medicare or Medicaid)"
          error={errors?.recipientIsHealthPlan?.message}
          {...form.register('details.recipientIsHealthPlan')}
        />
      )}
    </fieldset>
  );
}

function VerificationFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  const method = useWatch({ control: form.control, name: 'details.verification.method' });
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
        <Field
          label={method === 'other' ? 'How, in a few words' : 'Verification note'}
          optional={method !== 'other'}
          error={errors?.verification?.note?.message}
        >
          <TextInput
            {...form.register('details.verification.note')}
            autoComplete="off"
            placeholder={method === 'other' ? 'e.g. Called back on the number on file' : undefined}
          />
        </Field>
      </div>
    </fieldset>
  );
}

function AccessFields({ form, errors }: { form: Form; errors: DetailErrors }) {
  const [representative, directed, clientId] = useWatch({
    control: form.control,
    name: ['details.requesterIsRepresentative', 'details.directed', 'clientId'],
  });
  return (
    <>
      <CheckboxField
        label="The person asking is the client’s parent, guardian or other personal representative"
        {...form.register('details.requesterIsRepresentative')}
      />
      {representative && (
        <fieldset className="release-form__group">
          <legend className="field__label">The representative</legend>
          <p className="field__hint release-form__note">
            Only a representative recorded on the client’s chart can ask for the client’s records. Care a
            minor consented to alone is never sent to them.
          </p>
          <RepresentativesOnFile
            clientId={clientId}
            onPick={(g) => {
              form.setValue('details.requesterName', g.name, { shouldValidate: form.formState.isSubmitted });
              form.setValue('details.representativeAuthority', authorityOf(g), {
                shouldValidate: form.formState.isSubmitted,
              });
            }}
          />
          <Field
            label="Representative’s authority"
            hint="The document that gives it, e.g. birth certificate seen; guardianship order no. …"
            error={errors?.representativeAuthority?.message}
          >
            <TextInput {...form.register('details.representativeAuthority')} autoComplete="off" />
          </Field>
        </fieldset>
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
