// Registration: how to reach the client, and what they have agreed to (voicemail, texts, email),
// each with the number or address to use.
import { Mail, MessageSquare, Voicemail } from 'lucide-react';
import { useFormContext, useWatch, type Path } from 'react-hook-form';
import { Field, Select, TextInput } from '../../../ui/field.tsx';
import { Section } from '../../../ui/section.tsx';
import { SwitchField } from '../../../ui/switch-field.tsx';
import { US_STATES } from '../../practice/us-states.ts';
import type { ClientFormValues } from './client-form-values.ts';

export function ContactSection() {
  const {
    register,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const a = errors.address;
  return (
    <Section title="Contact" description="Optional, but the practice cannot reach the client without it.">
      <div className="form__row">
        <Field label="Phone" optional error={errors.phone?.message}>
          <TextInput type="tel" {...register('phone')} autoComplete="off" placeholder="(555) 010-1234" />
        </Field>
        <Field label="Email" optional error={errors.email?.message}>
          <TextInput type="email" {...register('email')} autoComplete="off" />
        </Field>
      </div>
      <Field label="Street address" optional error={a?.line1?.message}>
        <TextInput {...register('address.line1')} autoComplete="off" />
      </Field>
      <Field label="Address line 2" optional hint="Apartment, suite or unit." error={a?.line2?.message}>
        <TextInput {...register('address.line2')} autoComplete="off" />
      </Field>
      <div className="form__row form__row--address">
        <Field label="City" error={a?.city?.message}>
          <TextInput {...register('address.city')} autoComplete="off" />
        </Field>
        <Field label="State" error={a?.region?.message}>
          <Select {...register('address.region')}>
            <option value="">Choose…</option>
            {US_STATES.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="ZIP code" error={a?.postalCode?.message}>
          <TextInput {...register('address.postalCode')} autoComplete="off" inputMode="numeric" />
        </Field>
      </div>
    </Section>
  );
}

type Channel = 'voicemail' | 'text' | 'email';

const CHANNELS: Record<
  Channel,
  {
    toggle: Path<ClientFormValues>;
    target: 'voicemailNumber' | 'textNumber' | 'emailAddress';
    label: string;
    description: string;
    targetLabel: string;
    from: 'phone' | 'email';
  }
> = {
  voicemail: {
    toggle: 'communication.voicemailOk',
    target: 'voicemailNumber',
    label: 'Voicemail allowed',
    description: 'Staff may leave a message that says who is calling.',
    targetLabel: 'Voicemail number',
    from: 'phone',
  },
  text: {
    toggle: 'communication.textOk',
    target: 'textNumber',
    label: 'Text messages allowed',
    description: 'Appointment reminders and scheduling by text.',
    targetLabel: 'Number for texts',
    from: 'phone',
  },
  email: {
    toggle: 'communication.emailOk',
    target: 'emailAddress',
    label: 'Email allowed',
    description: 'Scheduling and forms by email. Never clinical details.',
    targetLabel: 'Email address to use',
    from: 'email',
  },
};

const ICONS = { voicemail: Voicemail, text: MessageSquare, email: Mail } as const;

export function CommunicationSection() {
  return (
    <Section
      title="Communication preferences"
      description="What the client has agreed to. Everyone sees these on the chart before they call, text or email."
    >
      <div className="switch-list">
        {(Object.keys(CHANNELS) as Channel[]).map((c) => (
          <ChannelSetting key={c} channel={c} />
        ))}
      </div>
    </Section>
  );
}

function ChannelSetting({ channel }: { channel: Channel }) {
  const {
    register,
    control,
    getValues,
    setValue,
    formState: { errors },
  } = useFormContext<ClientFormValues>();
  const def = CHANNELS[channel];
  const Icon = ICONS[channel];
  const allowed = useWatch({ control, name: def.toggle }) === true;
  const target = `communication.${def.target}` as const;
  return (
    <div className="switch-group">
      <SwitchField
        icon={<Icon size={18} />}
        label={def.label}
        description={def.description}
        {...register(def.toggle, {
          onChange: (event: { target: { checked: boolean } }) => {
            // Most clients want their main number or address used: offer it.
            if (event.target.checked && !getValues(target)) setValue(target, getValues(def.from));
          },
        })}
      />
      {allowed && (
        <div className="switch-group__detail">
          <Field label={def.targetLabel} error={errors.communication?.[def.target]?.message}>
            <TextInput
              type={def.from === 'email' ? 'email' : 'tel'}
              {...register(target)}
              autoComplete="off"
            />
          </Field>
        </div>
      )}
    </div>
  );
}
