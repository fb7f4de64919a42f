// Setup step 1: the practice profile.
import { zodResolver } from '@hookform/resolvers/zod';
import { ArrowRight } from 'lucide-react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { PracticeProfileInput } from '../../../preload/contract.ts';
import { Button } from '../../ui/button.tsx';
import { PracticeFields, type PracticeValues } from '../practice/practice-fields.tsx';

export type PracticeParsed = z.output<typeof PracticeProfileInput>;

export interface PracticeStepProps {
  values: PracticeValues;
  onNext: (values: PracticeValues, parsed: PracticeParsed) => void;
}

export function PracticeStep({ values, onNext }: PracticeStepProps) {
  const form = useForm<PracticeValues, unknown, PracticeParsed>({
    resolver: zodResolver(PracticeProfileInput),
    defaultValues: values,
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit((parsed) => {
          onNext(form.getValues(), parsed);
        })(event);
      }}
    >
      <PracticeFields register={form.register} errors={form.formState.errors} autoFocus />
      <div className="form__actions form__actions--end">
        <Button type="submit" variant="primary" iconEnd={<ArrowRight aria-hidden="true" size={16} />}>
          Continue
        </Button>
      </div>
    </form>
  );
}
