// The temporary password the owner hands to a colleague: shown in clear (it is meant to be read
// out or written down once), with a Generate button for a strong random passphrase.
import { Dices } from 'lucide-react';
import type { ComponentPropsWithRef } from 'react';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { generatePassphrase } from './passphrase.ts';

export interface TemporaryPasswordFieldProps {
  error?: string | undefined;
  input: ComponentPropsWithRef<'input'>;
  onGenerate: (password: string) => void;
  /** Focus this field when its dialog opens. */
  autoFocus?: boolean;
}

export function TemporaryPasswordField({
  error,
  input,
  onGenerate,
  autoFocus = false,
}: TemporaryPasswordFieldProps) {
  return (
    <Field
      label="Temporary password"
      hint="They will choose their own password the first time they sign in."
      error={error}
    >
      <div className="input-with-button">
        <TextInput
          {...input}
          data-autofocus={autoFocus || undefined}
          className="input--mono"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
        <Button
          icon={<Dices aria-hidden="true" size={16} />}
          onClick={() => {
            onGenerate(generatePassphrase());
          }}
        >
          Generate
        </Button>
      </div>
    </Field>
  );
}
