// The first-run choice: a new practice, or the practice brought back from a backup (a new computer).
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';

export type SetupMode = 'new' | 'restore';

const OPTIONS = [
  {
    value: 'new',
    label: 'Set up a new practice',
    description: 'Start with an empty, encrypted practice on this computer.',
  },
  {
    value: 'restore',
    label: 'Restore from backup',
    description: 'Moving to a new computer: bring back every record with the recovery key.',
  },
] as const;

export function SetupChoice({ mode, onChange }: { mode: SetupMode; onChange: (mode: SetupMode) => void }) {
  return (
    <ChoiceGroupField
      className="setup-choice"
      label="How do you want to start?"
      name="setup-mode"
      variant="cards"
      options={OPTIONS}
      value={mode}
      onChange={onChange}
    />
  );
}
