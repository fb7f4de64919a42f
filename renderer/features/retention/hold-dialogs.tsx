// A legal hold on a chart (owner): while it stands the chart cannot be destroyed, whatever its
// retention date. Placing and lifting each take a reason; main audits both.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract, type RetentionChart } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { retentionChanged } from './retention-queries.ts';

const PlaceInput = contract['retention.placeHold'].input;
const LiftInput = contract['retention.liftHold'].input;

interface Props {
  chart: RetentionChart;
  onClose: () => void;
}

export function PlaceHoldDialog({ chart, onClose }: Props) {
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof PlaceInput>, unknown, z.output<typeof PlaceInput>>({
    resolver: zodResolver(PlaceInput),
    defaultValues: { clientId: chart.clientId, reason: '' },
  });
  const place = useFormMutation({
    mutationFn: (input: z.output<typeof PlaceInput>) => call('retention.placeHold', input),
    onSuccess: () => {
      retentionChanged(queryClient);
      onClose();
    },
    form: { setError: form.setError, fields: ['reason'] },
  });
  return (
    <FormDialog
      title="Place a legal hold"
      description={`${chart.name}, chart ${chart.chartNumber}. While the hold stands the chart cannot be destroyed.`}
      onClose={onClose}
      size="sm"
      mutation={place}
      onSubmit={form.handleSubmit(place.submit)}
      problemTitle="The hold was not placed"
      submitLabel="Place hold"
    >
      <Field
        label="Reason"
        hint="A subpoena, litigation, an investigation. Name the matter, not clinical details."
        error={form.formState.errors.reason?.message}
      >
        <TextInput autoFocus {...form.register('reason')} />
      </Field>
    </FormDialog>
  );
}

export function LiftHoldDialog({ chart, onClose }: Props) {
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof LiftInput>, unknown, z.output<typeof LiftInput>>({
    resolver: zodResolver(LiftInput),
    defaultValues: { holdId: chart.hold?.id ?? '', reason: '' },
  });
  const lift = useFormMutation({
    mutationFn: (input: z.output<typeof LiftInput>) => call('retention.liftHold', input),
    onSuccess: () => {
      retentionChanged(queryClient);
      onClose();
    },
    form: { setError: form.setError, fields: ['reason'] },
  });
  return (
    <FormDialog
      title="Lift the legal hold"
      description={`${chart.name}, chart ${chart.chartNumber}. Held because: ${chart.hold?.reason ?? ''}`}
      onClose={onClose}
      size="sm"
      mutation={lift}
      onSubmit={form.handleSubmit(lift.submit)}
      problemTitle="The hold was not lifted"
      submitLabel="Lift hold"
    >
      <Field label="Reason for lifting it" error={form.formState.errors.reason?.message}>
        <TextInput autoFocus {...form.register('reason')} />
      </Field>
    </FormDialog>
  );
}
