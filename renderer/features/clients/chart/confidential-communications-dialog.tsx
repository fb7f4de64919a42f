// Record or change a client's confidential communications (45 CFR 164.522(b)): an alternative
// mailing address, an alternative phone, "no voicemail", and how to reach them. There is no field
// for a reason: the practice may not ask why. Main checks who may (as for the demographics).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { PhoneOff } from 'lucide-react';
import { useForm, type Path } from 'react-hook-form';
import { z } from 'zod';
import { draftKey, type ClientRecord } from '../../../../preload/contract.ts';
import {
  CONTACT_NOTE_MAX,
  ConfidentialCommunicationsInput,
} from '../../../../preload/contract/communications.ts';
import { call } from '../../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../../lib/use-form-mutation.ts';
import { Banner } from '../../../ui/banner.tsx';
import { Field, Select, TextArea, TextInput } from '../../../ui/field.tsx';
import { FormDialog } from '../../../ui/form-dialog.tsx';
import { SwitchField } from '../../../ui/switch-field.tsx';
import { US_STATES } from '../../practice/us-states.ts';
import { legalName } from '../client-format.tsx';
import { clientChanged } from '../client-queries.ts';

interface Values {
  address: { line1: string; line2: string; city: string; region: string; postalCode: string };
  phone: string;
  noVoicemail: boolean;
  note: string;
}

type Parsed = z.output<typeof ConfidentialCommunicationsInput>;

const DRAFT = 'confidential-communications';

/** The form's values as the contract reads them: an address only when any part of it was typed. */
function toInput(v: Values): unknown {
  const typed = Object.values(v.address).some((part) => part.trim() !== '');
  return {
    address: typed ? { ...v.address, line2: v.address.line2 || undefined } : undefined,
    phone: v.phone,
    noVoicemail: v.noVoicemail,
    note: v.note,
  };
}

function initial(client: ClientRecord): Values {
  const c = client.confidentialCommunications;
  return {
    address: {
      line1: c?.address?.line1 ?? '',
      line2: c?.address?.line2 ?? '',
      city: c?.address?.city ?? '',
      region: c?.address?.region ?? '',
      postalCode: c?.address?.postalCode ?? '',
    },
    phone: c?.phone ?? '',
    noVoicemail: c?.noVoicemail ?? false,
    note: c?.note ?? '',
  };
}

interface Props {
  client: ClientRecord;
  onClose: () => void;
}

/** What was typed is a draft until it is saved (`confidential-communications:<client id>`). */
export function ConfidentialCommunicationsDialog(props: Props) {
  const saved = useSavedDraft(draftKey(DRAFT, props.client.id));
  return saved === undefined ? null : <CommunicationsForm {...props} saved={saved} />;
}

function CommunicationsForm({ client, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const schema = z.custom<Values>().transform(toInput).pipe(ConfidentialCommunicationsInput);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: withDraft<Values>(initial(client), saved),
  });
  const draft = useDialogDraft(form, draftKey(DRAFT, client.id), saved);
  const { errors } = form.formState;
  const a = errors.address;
  // The rule across fields ("give at least one") has no field of its own: the resolver keys it ''.
  const nothingGiven = (errors as Record<string, { message?: string } | undefined>)['']?.message;

  const save = useFormMutation({
    mutationFn: (communications: Parsed) =>
      call('clients.setConfidentialCommunications', { clientId: client.id, communications }),
    onSuccess: (record) => {
      clientChanged(queryClient, record);
      void draft.discard().then(onClose);
    },
    form: {
      setError: form.setError,
      fields: [
        'address.line1',
        'address.line2',
        'address.city',
        'address.region',
        'address.postalCode',
        'phone',
        'note',
      ],
      mapPath: (path) => path.replace(/^communications\./, '') as Path<Values>,
    },
  });

  return (
    <FormDialog
      title={client.confidentialCommunications ? 'Change confidential contact' : 'Confidential contact'}
      description={`How ${legalName(client)} asked to be reached instead of the home address and phone. Every letter the app writes goes to the alternative address. Do not ask why: the client does not have to say.`}
      onClose={onClose}
      draft={draft}
      mutation={save}
      onSubmit={form.handleSubmit(save.submit)}
      submitLabel="Save"
    >
      <fieldset className="form__group">
        <legend className="form__legend">Alternative mailing address</legend>
        <Field label="Street address" optional error={a?.line1?.message}>
          <TextInput {...form.register('address.line1')} autoComplete="off" data-autofocus />
        </Field>
        <Field
          label="Address line 2"
          optional
          hint="Apartment, suite, unit or box."
          error={a?.line2?.message}
        >
          <TextInput {...form.register('address.line2')} autoComplete="off" />
        </Field>
        <div className="form__row form__row--address">
          <Field label="City" error={a?.city?.message}>
            <TextInput {...form.register('address.city')} autoComplete="off" />
          </Field>
          <Field label="State" error={a?.region?.message}>
            <Select {...form.register('address.region')}>
              <option value="">Choose…</option>
              {US_STATES.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="ZIP code" error={a?.postalCode?.message}>
            <TextInput {...form.register('address.postalCode')} autoComplete="off" inputMode="numeric" />
          </Field>
        </div>
      </fieldset>
      <div className="form__row">
        <Field label="Alternative phone" optional error={errors.phone?.message}>
          <TextInput type="tel" {...form.register('phone')} autoComplete="off" placeholder="(555) 010-1234" />
        </Field>
      </div>
      <SwitchField
        icon={<PhoneOff size={18} />}
        label="No voicemail"
        description="Never leave a message, on any number."
        {...form.register('noVoicemail')}
      />
      <Field
        label="How to reach them"
        optional
        hint="Only how and when, e.g. “Work phone, weekdays before 5 p.m.” Not why."
        error={errors.note?.message}
      >
        <TextArea {...form.register('note')} rows={2} maxLength={CONTACT_NOTE_MAX} />
      </Field>
      {nothingGiven && (
        <Banner tone="danger" live>
          {nothingGiven}
        </Banner>
      )}
    </FormDialog>
  );
}
