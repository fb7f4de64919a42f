// Same-computer restore (owner only): a damaged database, or back to an earlier day. The owner
// confirms by typing the backup's date; main signs everyone out, keeps the current database
// aside (never overwritten), copies the backup in and signs the owner back in.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArchiveRestore } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { todayIso, type BackupGeneration } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
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
  const [problem, setProblem] = useState<FormProblem | null>(null);
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

  const restore = useMutation({
    mutationFn: ({ confirmDate }: { confirmDate: string }) =>
      call('backup.restoreHere', { name: generation.name, confirmDate }),
    onSuccess: ({ keptAside, session }) => {
      // Every session ended in main and the owner's began again: start the screens afresh.
      enter(session);
      queryClient.setQueryData<Restored>(RESTORED_KEY, { createdAt: generation.createdAt, keptAside });
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: ['confirmDate'] }));
    },
  });

  return (
    <Dialog
      title="Restore this backup on this computer?"
      onClose={onClose}
      dismissible={!restore.isPending}
      description={
        <>
          The backup made <strong>{backupLongDate(generation.createdAt)}</strong> at{' '}
          {backupTime(generation.createdAt)} replaces the records you work with now.
        </>
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          void form.handleSubmit((values) => {
            setProblem(null);
            restore.mutate(values);
          })(event);
        }}
      >
        <ProblemBanner problem={problem} />
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
        <DialogFooter>
          <Button variant="ghost" onClick={onClose} disabled={restore.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            busy={restore.isPending}
            icon={<ArchiveRestore aria-hidden="true" size={16} />}
          >
            {restore.isPending ? 'Restoring…' : `Restore the backup of ${date}`}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
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
