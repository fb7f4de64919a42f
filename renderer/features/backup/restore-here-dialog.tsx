// Same-computer restore (owner only): a damaged database, or back to an earlier day. The owner
// confirms by typing the backup's date; main signs everyone out, keeps the current database
// aside (never overwritten), copies the backup in and signs the owner back in.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArchiveRestore } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { todayIso, type BackupGeneration } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { backupLongDate, backupTime } from './backup-format.ts';

/** Survives the sign-in that follows the restore (the query cache is cleared, then this is set). */
const RESTORED_KEY = ['backup', 'restored'] as const;
interface Restored {
  createdAt: string;
  keptAside: string;
}

export function RestoreHereDialog({
  generation,
  onClose,
}: {
  generation: BackupGeneration;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { enter } = useSession();
  const date = todayIso(new Date(generation.createdAt));
  const Form = z.strictObject({
    confirmDate: z
      .string()
      .trim()
      .refine((v) => v === date, `Type ${date} to confirm.`),
  });
  const form = useForm<z.input<typeof Form>, unknown, z.output<typeof Form>>({
    resolver: zodResolver(Form),
    defaultValues: { confirmDate: '' },
  });

  const restore = useFormMutation({
    mutationFn: ({ confirmDate }: { confirmDate: string }) =>
      call('backup.restoreHere', { name: generation.name, confirmDate }),
    onSuccess: ({ keptAside, session }) => {
      // Every session ended in main and the owner's began again: start the screens afresh.
      enter(session);
      queryClient.setQueryData<Restored>(RESTORED_KEY, { createdAt: generation.createdAt, keptAside });
    },
    form: { setError: form.setError, fields: ['confirmDate'] },
  });

  return (
    <FormDialog
      title="Restore this backup on this computer?"
      onClose={onClose}
      description={
        <>
          The backup made <strong>{backupLongDate(generation.createdAt)}</strong> at{' '}
          {backupTime(generation.createdAt)} replaces the records you work with now.
        </>
      }
      mutation={restore}
      onSubmit={form.handleSubmit(restore.submit)}
      lockWhilePending
      submitLabel={restore.pending ? 'Restoring…' : `Restore the backup of ${date}`}
      submitVariant="danger"
      submitIcon={<ArchiveRestore aria-hidden="true" size={16} />}
    >
      <ul className="restore-facts">
        <li>Everyone signed in is signed out; you are signed back in when it is done.</li>
        <li>
          Anything entered after this backup was made will not be in the restored records. The current
          database is kept aside in Stillwater’s data folder, never overwritten or deleted.
        </li>
        <li>Staff passwords keep working. The restore is written to the audit log.</li>
      </ul>
      <Field
        label="Type the backup’s date to confirm"
        hint={`This backup is from ${date}.`}
        error={form.formState.errors.confirmDate?.message}
      >
        <TextInput
          {...form.register('confirmDate')}
          className="input--mono"
          placeholder="YYYY-MM-DD"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
        />
      </Field>
    </FormDialog>
  );
}

/** After a same-computer restore: which backup came back, and where the earlier database is. */
export function RestoredNotice() {
  const queryClient = useQueryClient();
  const restored = useQuery({
    queryKey: RESTORED_KEY,
    queryFn: () => queryClient.getQueryData<Restored>(RESTORED_KEY) ?? null,
    staleTime: Infinity,
    enabled: false,
  });
  if (!restored.data) return null;
  return (
    <Banner
      tone="success"
      live
      title={`The backup of ${backupLongDate(restored.data.createdAt)} was restored`}
    >
      The database as it was before the restore is kept in Stillwater’s data folder as{' '}
      <span className="mono">{restored.data.keptAside}</span>. The restore is in the audit log.
    </Banner>
  );
}
