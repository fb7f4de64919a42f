// The audit filter bar: client, person, action and a range of whole local days. The contract's
// AuditFilterInput validates the result (e.g. the end date before the start date); main filters.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  AuditAction,
  AuditFilterInput,
  type ClientSummary,
  type StaffMember,
} from '../../../preload/contract.ts';
import { Button } from '../../ui/button.tsx';
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { ClientPicker } from '../releases/client-picker.tsx';
import { actionLabel } from './audit-labels.ts';
import { dayRange } from './date-range.ts';

const FilterForm = z
  .object({ actorId: z.string(), action: z.string(), from: z.string(), to: z.string() })
  // Whole days: "to" is inclusive, so one day (from = to) is a valid range, and the contract's
  // own check on the resulting instants cannot see an end day before the start day.
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ['to'],
    error: 'The end date cannot be before the start date.',
  })
  .transform((v) => ({
    ...(v.actorId ? { actorId: v.actorId } : {}),
    ...(v.action ? { action: v.action } : {}),
    ...dayRange(v.from, v.to),
  }))
  .pipe(AuditFilterInput);

type Values = z.input<typeof FilterForm>;
export type AuditFilter = z.output<typeof FilterForm>;

const EMPTY: Values = { actorId: '', action: '', from: '', to: '' };

const sortedActions = [...AuditAction.options].sort((a, b) => actionLabel(a).localeCompare(actionLabel(b)));

export interface AuditFiltersProps {
  staff: readonly StaffMember[];
  onApply: (filter: AuditFilter) => void;
}

export function AuditFilters({ staff, onApply }: AuditFiltersProps) {
  const form = useForm<Values, unknown, AuditFilter>({
    resolver: zodResolver(FilterForm),
    defaultValues: EMPTY,
  });
  const [client, setClient] = useState<ClientSummary | null>(null);
  // Clear starts the picker over (its typed search included).
  const [pickerKey, setPickerKey] = useState(0);
  const { errors, isDirty } = form.formState;
  const apply = (next: AuditFilter): void => {
    onApply(client ? { ...next, clientId: client.id } : next);
  };
  return (
    <form
      className="filter-bar"
      aria-label="Filter the audit log"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit(apply)(event);
      }}
    >
      <div className="filter-bar__client">
        <ClientPicker key={pickerKey} value={client} onChange={setClient} />
      </div>
      <Field label="Person" error={errors.actorId?.message}>
        <Select {...form.register('actorId')}>
          <option value="">Everyone</option>
          {staff.map((m) => (
            <option key={m.id} value={m.id}>
              {m.displayName}
              {m.active ? '' : ' (deactivated)'}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Action" error={errors.action?.message}>
        <Select {...form.register('action')}>
          <option value="">All actions</option>
          {sortedActions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From" error={errors.from?.message}>
        <TextInput {...form.register('from')} type="date" />
      </Field>
      <Field label="To" error={errors.to?.message}>
        <TextInput {...form.register('to')} type="date" />
      </Field>
      <div className="filter-bar__actions">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button
          variant="ghost"
          disabled={!isDirty && client === null}
          onClick={() => {
            form.reset(EMPTY);
            setClient(null);
            setPickerKey((k) => k + 1);
            onApply({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
