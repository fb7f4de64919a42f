// Record a consent: which one, the date, who consented (an adult client, a guardian, or for a
// minor's own care the minor alone, a court or a parent's confidentiality agreement, with the law,
// order or agreement), and up to four signatures (each with relationship or legal authority, date
// and witness). A treatment consent opens an episode of care.
import { zodResolver } from '@hookform/resolvers/zod';
import { Plus } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors, type Path } from 'react-hook-form';
import { z } from 'zod';
import {
  CONSENT_BASIS_LABELS,
  ConsentInput,
  draftKey,
  CONSENT_LABELS,
  isMinor,
  todayIso,
  type ClientRecord,
  type ConsentBasis,
  type ConsentKind,
  type ConsentRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { fieldPaths } from '../../lib/form-values.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { legalName } from '../clients/client-format.tsx';
import {
  basesFor,
  initialSignatures,
  isConfidentialBasis,
  LEGAL_BASIS_FIELD,
  signaturesFor,
  type ConsentParsed,
  type ConsentValues,
} from './consent-values.ts';
import { SignatureRow } from './signature-row.tsx';

const KIND_DESCRIPTIONS: Record<ConsentKind, string> = {
  treatment: 'Agrees to assessment and therapy.',
  privacy_notice: 'Received the notice of privacy practices.',
  telehealth: 'Agrees to sessions by video or phone.',
  communications: 'Agrees to the contact methods on file.',
};

const KINDS = Object.keys(CONSENT_LABELS) as ConsentKind[];

function basisDescription(basis: ConsentBasis, minor: boolean): string {
  switch (basis) {
    case 'client':
      return 'An adult client consents for themselves.';
    case 'guardian':
      return minor
        ? 'The parent or guardian acts for the minor on these records.'
        : 'A guardian or conservator acts for the adult client.';
    case 'minor_alone':
      return 'Where state law lets the minor consent without a parent. The minor signs.';
    case 'court':
      return 'A court order authorized this care. Name the order.';
    case 'confidentiality_agreement':
      return 'The care stays between the minor and the clinician. Name the agreement.';
  }
}

export interface RecordConsentDialogProps {
  client: ClientRecord;
  /** The consent the intake still needs, chosen to begin with. */
  suggestedKind: ConsentKind | null;
  onClose: () => void;
  onRecorded: (consent: ConsentRecord) => void;
}

/** What is typed is a draft until the consent is recorded (`consent:<client id>`). */
export function RecordConsentDialog(props: RecordConsentDialogProps) {
  const saved = useSavedDraft(draftKey('consent', props.client.id));
  return saved === undefined ? null : <RecordConsentForm {...props} saved={saved} />;
}

function RecordConsentForm({
  client,
  suggestedKind,
  onClose,
  onRecorded,
  saved,
}: RecordConsentDialogProps & { saved: SavedDraft | null }) {
  const schema = z
    .custom<ConsentValues>()
    .transform((v): unknown => ({
      clientId: client.id,
      ...v,
      kind: v.kind || undefined,
      basis: v.basis || undefined,
      legalBasis: isConfidentialBasis(v.basis) ? v.legalBasis : '',
      signatures: v.signatures.map((s) => ({ ...s, signerRole: s.signerRole || undefined })),
    }))
    .pipe(ConsentInput);
  const base = zodResolver(schema);
  const form = useForm<ConsentValues, unknown, ConsentParsed>({
    resolver: async (values, context, options) => {
      const result = await base(values, context, options);
      if (values.kind || !result.errors.kind) return result;
      const errors: FieldErrors<ConsentValues> = {
        ...result.errors,
        kind: { type: 'required', message: 'Choose which consent this is.' },
      };
      return { values: {}, errors };
    },
    defaultValues: withDraft<ConsentValues>(
      {
        kind: suggestedKind ?? '',
        givenOn: todayIso(),
        basis: isMinor(client.dateOfBirth) ? '' : 'client',
        legalBasis: '',
        notes: '',
        signatures: initialSignatures(client),
      },
      saved,
    ),
  });
  const draft = useDialogDraft(form, draftKey('consent', client.id), saved);
  const { errors } = form.formState;
  const signatures = useFieldArray({ control: form.control, name: 'signatures' });
  const givenOn = useWatch({ control: form.control, name: 'givenOn' });
  const basis = useWatch({ control: form.control, name: 'basis' });
  const minor = isMinor(client.dateOfBirth, /^\d{4}-\d{2}-\d{2}$/.test(givenOn) ? givenOn : todayIso());
  // Signatures dated with the consent follow its date when it changes (one form, signed that day).
  const lastGivenOn = useRef(givenOn);
  useEffect(() => {
    const before = lastGivenOn.current;
    lastGivenOn.current = givenOn;
    if (before === givenOn || !/^\d{4}-\d{2}-\d{2}$/.test(givenOn)) return;
    form.getValues('signatures').forEach((sig, index) => {
      if (sig.signedOn === before) form.setValue(`signatures.${index}.signedOn`, givenOn);
    });
  }, [givenOn, form]);
  // The date decides whether the client was a minor: a choice that no longer fits is cleared.
  useEffect(() => {
    const chosen = form.getValues('basis');
    if (chosen && basesFor(minor).includes(chosen)) return;
    form.setValue('basis', minor ? '' : 'client');
  }, [minor, form]);
  const basisOptions: ChoiceOption<ConsentBasis>[] = basesFor(minor).map((b) => ({
    value: b,
    label: CONSENT_BASIS_LABELS[b],
    description: basisDescription(b, minor),
  }));
  const legalField = basis ? LEGAL_BASIS_FIELD[basis] : undefined;
  const chooseBasis = (next: ConsentBasis) => {
    form.setValue('basis', next, { shouldValidate: form.formState.isSubmitted });
    if (!form.getValues('legalBasis') && next === 'minor_alone' && client.minorSelfConsentBasis)
      form.setValue('legalBasis', client.minorSelfConsentBasis);
    const current = form.getValues('signatures');
    const adjusted = signaturesFor(next, current, client, form.getValues('givenOn') || todayIso());
    if (adjusted !== current) signatures.replace(adjusted);
  };

  const record = useFormMutation({
    mutationFn: (input: ConsentParsed) => call('consents.record', input),
    onSuccess: (consent) => {
      void draft.discard().then(() => {
        onRecorded(consent);
      });
    },
    // Every field the form has now, the signatures added so far included.
    form: { setError: form.setError, fields: fieldPaths(form.getValues()) as Path<ConsentValues>[] },
  });
  const kindOptions: ChoiceOption<ConsentKind>[] = KINDS.map((k) => ({
    value: k,
    label: CONSENT_LABELS[k],
    description: KIND_DESCRIPTIONS[k],
  }));
  const listError = errors.signatures?.root?.message ?? errors.signatures?.message;

  return (
    <FormDialog
      title="Record consent"
      description={`For ${legalName(client)}. Type each signer’s name as they signed the form.`}
      size="lg"
      onClose={onClose}
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The consent was not recorded"
      submitLabel="Record consent"
    >
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <ChoiceGroupField
            label="Consent"
            name={field.name}
            variant="cards"
            options={kindOptions}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.kind?.message}
            className="consent-kinds"
          />
        )}
      />
      <div className="consent-when">
        <Field label="Date given" error={errors.givenOn?.message}>
          <TextInput type="date" {...form.register('givenOn')} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="basis"
        render={({ field }) => (
          <ChoiceGroupField
            label="Who consented"
            name={field.name}
            variant="cards"
            options={basisOptions}
            value={field.value || null}
            onChange={chooseBasis}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.basis?.message}
            hint={minor ? `${legalName(client)} was under 18 on this date.` : undefined}
            className="consent-bases"
          />
        )}
      />
      {legalField && (
        <Field label={legalField.label} hint={legalField.hint} error={errors.legalBasis?.message}>
          <TextArea {...form.register('legalBasis')} rows={2} />
        </Field>
      )}
      {isConfidentialBasis(basis) && (
        <Banner tone="info" title="The minor’s own care">
          Records of this episode of care are never released to a parent or guardian, nor on an authorization
          a parent or guardian signed.
        </Banner>
      )}
      <fieldset className="signatures">
        <legend className="field__label">Signatures</legend>
        {signatures.fields.map((field, index) => (
          <SignatureRow
            key={field.id}
            index={index}
            form={form}
            errors={errors}
            canRemove={signatures.fields.length > 1}
            onRemove={() => {
              signatures.remove(index);
            }}
          />
        ))}
        {listError && (
          <p className="field__error" role="alert">
            {listError}
          </p>
        )}
        {signatures.fields.length < 4 && (
          <div>
            <Button
              size="sm"
              icon={<Plus aria-hidden="true" size={15} />}
              onClick={() => {
                signatures.append(
                  {
                    signerName: '',
                    signerRole: '',
                    authority: '',
                    signedOn: givenOn || todayIso(),
                    witnessName: '',
                  },
                  { focusName: `signatures.${String(signatures.fields.length)}.signerName` },
                );
              }}
            >
              Add signature
            </Button>
          </div>
        )}
      </fieldset>
      <Field label="Notes" optional error={errors.notes?.message}>
        <TextArea {...form.register('notes')} rows={2} />
      </Field>
    </FormDialog>
  );
}
