// Record a consent: which one, the date, up to four signatures (the client, a guardian, both
// parents, a representative: each with relationship or legal authority, date and witness), and a
// minor consenting alone where the law allows, with its legal basis.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import {
  Controller,
  useFieldArray,
  useForm,
  useWatch,
  type FieldErrors,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { z } from 'zod';
import {
  ConsentInput,
  CONSENT_LABELS,
  isMinor,
  LEGAL_AUTHORITY_LABELS,
  todayIso,
  type ClientRecord,
  type ConsentKind,
  type ConsentRecord,
  type SignerRole,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroup, type ChoiceOption } from '../../ui/choice-group.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { CheckboxField, Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { legalName } from '../clients/client-format.tsx';
import { fieldPaths } from '../clients/form/client-form-values.ts';

interface SignatureValues {
  signerName: string;
  signerRole: SignerRole | '';
  authority: string;
  signedOn: string;
  witnessName: string;
}

interface Values {
  kind: ConsentKind | '';
  givenOn: string;
  minorConsentedAlone: boolean;
  legalBasis: string;
  notes: string;
  signatures: SignatureValues[];
}

type Parsed = z.output<typeof ConsentInput>;

const KIND_DESCRIPTIONS: Record<ConsentKind, string> = {
  treatment: 'Agrees to assessment and therapy.',
  privacy_notice: 'Received the notice of privacy practices.',
  telehealth: 'Agrees to sessions by video or phone.',
  communications: 'Agrees to the contact methods on file.',
};

export const SIGNER_LABELS: Record<SignerRole, string> = {
  client: 'Client',
  guardian: 'Guardian',
  parent: 'Parent',
  representative: 'Personal representative',
};

const KINDS = Object.keys(CONSENT_LABELS) as ConsentKind[];

function initialSignatures(client: ClientRecord): SignatureValues[] {
  const today = todayIso();
  const own: SignatureValues = {
    signerName: legalName(client),
    signerRole: 'client',
    authority: '',
    signedOn: today,
    witnessName: '',
  };
  const guardian = client.guardians[0];
  if (client.age >= 18 || !guardian) return [own];
  return [
    own,
    {
      signerName: guardian.name,
      signerRole: guardian.legalAuthority === 'parent' ? 'parent' : 'guardian',
      authority: `${guardian.relation}; ${LEGAL_AUTHORITY_LABELS[guardian.legalAuthority].toLowerCase()}`,
      signedOn: today,
      witnessName: '',
    },
  ];
}

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
    .custom<Values>()
    .transform((v): unknown => ({
      clientId: client.id,
      ...v,
      kind: v.kind || undefined,
      signatures: v.signatures.map((s) => ({ ...s, signerRole: s.signerRole || undefined })),
    }))
    .pipe(ConsentInput);
  const base = zodResolver(schema);
  const form = useForm<Values, unknown, Parsed>({
    resolver: async (values, context, options) => {
      const result = await base(values, context, options);
      if (values.kind || !result.errors.kind) return result;
      const errors: FieldErrors<Values> = {
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
    mutationFn: (input: Parsed) => call('consents.record', input),
    onSuccess: onRecorded,
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: fieldPaths(form.getValues()) as Path<Values>[],
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

interface SignatureRowProps {
  index: number;
  form: UseFormReturn<Values, unknown, Parsed>;
  errors: FieldErrors<Values>;
  canRemove: boolean;
  onRemove: () => void;
}

function SignatureRow({ index, form, errors, canRemove, onRemove }: SignatureRowProps) {
  const e = errors.signatures?.[index];
  const name = `signatures.${String(index)}` as `signatures.${number}`;
  const role = useWatch({ control: form.control, name: `${name}.signerRole` });
  return (
    <div className="subcard signature">
      <p className="subcard__legend">Signature {index + 1}</p>
      {canRemove && (
        <button
          type="button"
          className="icon-btn subcard__remove"
          aria-label={`Remove signature ${String(index + 1)}`}
          onClick={onRemove}
        >
          <X aria-hidden="true" size={16} />
        </button>
      )}
      <div className="form__row form__row--three">
        <Field label="Signer name" error={e?.signerName?.message}>
          <TextInput {...form.register(`${name}.signerName`)} autoComplete="off" />
        </Field>
        <Field label="Signed as" error={e?.signerRole?.message}>
          <Select {...form.register(`${name}.signerRole`)}>
            <option value="">Choose…</option>
            {(Object.keys(SIGNER_LABELS) as SignerRole[]).map((r) => (
              <option key={r} value={r}>
                {SIGNER_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Relationship or authority" optional={role === 'client'} error={e?.authority?.message}>
          <TextInput
            {...form.register(`${name}.authority`)}
            autoComplete="off"
            placeholder={role === 'client' ? undefined : 'e.g. Mother; legal custody'}
          />
        </Field>
      </div>
      <div className="form__row form__row--three">
        <Field label="Date signed" error={e?.signedOn?.message}>
          <TextInput type="date" {...form.register(`${name}.signedOn`)} />
        </Field>
        <Field label="Witness" optional error={e?.witnessName?.message}>
          <TextInput {...form.register(`${name}.witnessName`)} autoComplete="off" />
        </Field>
      </div>
    </div>
  );
}
