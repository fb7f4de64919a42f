// Record a consent: which one, the date, up to four signatures (the client, a guardian, both
// parents, a representative: each with relationship or legal authority, date and witness), and a
// minor consenting alone where the law allows, with its legal basis.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors, type Path } from 'react-hook-form';
import { z } from 'zod';
import {
  ConsentInput,
  CONSENT_LABELS,
  isMinor,
  todayIso,
  type ClientRecord,
  type ConsentKind,
  type ConsentRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { fieldPaths } from '../../lib/form-values.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroup, type ChoiceOption } from '../../ui/choice-group.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { CheckboxField, Field, TextArea, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { legalName } from '../clients/client-format.tsx';
import { initialSignatures, type ConsentParsed, type ConsentValues } from './consent-values.ts';
import { SignatureRow } from './signature-row.tsx';

const KIND_DESCRIPTIONS: Record<ConsentKind, string> = {
  treatment: 'Agrees to assessment and therapy.',
  privacy_notice: 'Received the notice of privacy practices.',
  telehealth: 'Agrees to sessions by video or phone.',
  communications: 'Agrees to the contact methods on file.',
};

const KINDS = Object.keys(CONSENT_LABELS) as ConsentKind[];

export interface RecordConsentDialogProps {
  client: ClientRecord;
  /** The consent the intake still needs, chosen to begin with. */
  suggestedKind: ConsentKind | null;
  onClose: () => void;
  onRecorded: (consent: ConsentRecord) => void;
}

export function RecordConsentDialog({
  client,
  suggestedKind,
  onClose,
  onRecorded,
}: RecordConsentDialogProps) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const schema = z
    .custom<ConsentValues>()
    .transform((v): unknown => ({
      clientId: client.id,
      ...v,
      kind: v.kind || undefined,
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
    defaultValues: {
      kind: suggestedKind ?? '',
      givenOn: todayIso(),
      minorConsentedAlone: false,
      legalBasis: client.minorSelfConsentBasis ?? '',
      notes: '',
      signatures: initialSignatures(client),
    },
  });
  const { errors } = form.formState;
  const signatures = useFieldArray({ control: form.control, name: 'signatures' });
  const givenOn = useWatch({ control: form.control, name: 'givenOn' });
  const alone = useWatch({ control: form.control, name: 'minorConsentedAlone' });
  const minor = isMinor(client.dateOfBirth, /^\d{4}-\d{2}-\d{2}$/.test(givenOn) ? givenOn : todayIso());

  const record = useMutation({
    mutationFn: (input: ConsentParsed) => call('consents.record', input),
    onSuccess: onRecorded,
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: fieldPaths(form.getValues()) as Path<ConsentValues>[],
        }),
      );
    },
  });
  const kindOptions: ChoiceOption<ConsentKind>[] = KINDS.map((k) => ({
    value: k,
    label: CONSENT_LABELS[k],
    description: KIND_DESCRIPTIONS[k],
  }));
  const listError = errors.signatures?.root?.message ?? errors.signatures?.message;

  return (
    <Dialog
      title="Record consent"
      description={`For ${legalName(client)}. Type each signer’s name as they signed the form.`}
      size="lg"
      onClose={onClose}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          void form.handleSubmit((input) => {
            setProblem(null);
            record.mutate(input);
          })(event);
        }}
      >
        <ProblemBanner problem={problem} title="The consent was not recorded" />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <ChoiceGroup
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
          {minor && (
            <CheckboxField
              label={
                <>
                  <strong>The minor consented alone</strong>
                  <span className="checkbox__detail">
                    Where state law lets a minor consent to this care without a parent. The minor signs, and
                    these records are never released to the guardian.
                  </span>
                </>
              }
              {...form.register('minorConsentedAlone')}
              error={errors.minorConsentedAlone?.message}
            />
          )}
        </div>
        {minor && alone && (
          <Field
            label="Legal basis"
            hint="The statute or circumstance that allows it."
            error={errors.legalBasis?.message}
          >
            <TextArea {...form.register('legalBasis')} rows={2} />
          </Field>
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
        <DialogFooter>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={record.isPending}>
            Record consent
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
