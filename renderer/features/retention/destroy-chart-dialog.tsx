// Destroying a chart past retention (owner): what will be removed and what stays, the reason, and
// the chart number typed as the confirmation. main checks everything again (hold, date, open
// releases, the typed number) and asks where to save the certificate of destruction.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { FileX2 } from 'lucide-react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { contract, type RetentionChart } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { retentionChanged } from './retention-queries.ts';

const Input = contract['retention.destroyChart'].input;

export function DestroyChartDialog({ chart, onClose }: { chart: RetentionChart; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof Input>, unknown, z.output<typeof Input>>({
    resolver: zodResolver(Input),
    defaultValues: { clientId: chart.clientId, confirmChartNumber: '', reason: 'Retention period ended' },
  });
  const destroy = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('retention.destroyChart', input),
    onSuccess: (tombstone) => {
      if (!tombstone) return;
      queryClient.removeQueries({ queryKey: ['clients', 'detail', chart.clientId] });
      retentionChanged(queryClient);
      onClose();
    },
    form: { setError: form.setError, fields: ['confirmChartNumber', 'reason'] },
  });
  const typed = useWatch({ control: form.control, name: 'confirmChartNumber' });
  const { errors } = form.formState;
  return (
    <FormDialog
      title={`Destroy chart ${chart.chartNumber}`}
      onClose={onClose}
      size="md"
      mutation={destroy}
      onSubmit={form.handleSubmit(destroy.submit)}
      problemTitle="Nothing was destroyed"
      submitLabel="Destroy chart"
      submitIcon={<FileX2 aria-hidden="true" size={16} />}
      submitVariant="danger"
      submitDisabled={typed.trim() !== chart.chartNumber}
      lockWhilePending
    >
      <div className="retention-destroy">
        <p>
          {`${chart.name}'s chart was kept through ${formatCalendarDate(chart.retainUntil)}. Destroying it removes from this computer's database, for good, the demographics, guardians and care team, intake, consents and signatures, screenings, every note, addendum and draft, the release requests, authorizations and disclosure-log entries, and their words in the search indexes.`}
        </p>
        <p>
          A tombstone keeps the chart number, its dates, the rule, your reason and your name. You will choose
          a folder for the certificate of destruction. Backups made before today still hold the chart until
          they age out; restoring one does not bring it back.
        </p>
      </div>
      <Field label="Reason" error={errors.reason?.message}>
        <TextInput {...form.register('reason')} />
      </Field>
      <Field
        label={`Type the chart number (${chart.chartNumber}) to confirm`}
        error={errors.confirmChartNumber?.message}
      >
        <TextInput
          autoFocus
          autoComplete="off"
          inputMode="numeric"
          {...form.register('confirmChartNumber')}
        />
      </Field>
    </FormDialog>
  );
}
