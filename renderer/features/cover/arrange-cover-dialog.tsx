// Arrange cover: whose caseload (the owner chooses; a clinician arranges their own), the colleague
// who covers it (clinicians and the owner), from and until (at most 90 days), and why. Main checks
// all of it again and answers with a problem shown over the fields.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MAX_COVER_DAYS } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { CLIENT_SEARCH_KEY, cliniciansIn, directoryQuery } from '../clients/client-queries.ts';
import { COVERS_KEY } from './cover-queries.ts';

/** A datetime-local value ("2026-03-02T09:00") for this computer's time zone. */
function localValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function ArrangeCoverDialog({ onClose }: { onClose: () => void }) {
  const { session } = useSignedIn();
  const isOwner = session.user.role === 'owner';
  const directory = useQuery(directoryQuery);
  const people = cliniciansIn(directory.data ?? []);
  const queryClient = useQueryClient();
  const [absentId, setAbsentId] = useState(isOwner ? '' : session.user.id);
  const [covererId, setCovererId] = useState('');
  const [from, setFrom] = useState(() => localValue(Date.now()));
  const [until, setUntil] = useState(() => localValue(Date.now() + 7 * 86_400_000));
  const [reason, setReason] = useState('');
  const arrange = useFormMutation({
    mutationFn: () =>
      call('cover.grantCover', {
        absentId,
        covererId,
        startsAt: new Date(from).toISOString(),
        endsAt: new Date(until).toISOString(),
        reason,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: COVERS_KEY });
      void queryClient.invalidateQueries({ queryKey: CLIENT_SEARCH_KEY });
      onClose();
    },
  });
  return (
    <FormDialog
      title="Arrange cover"
      description={`The colleague sees the caseload’s clients, their sessions and signed progress notes, and writes their own progress notes, until the end time (at most ${String(MAX_COVER_DAYS)} days). Never psychotherapy notes, Part 2 records, intake, screenings or treatment plans.`}
      onClose={onClose}
      mutation={arrange}
      problemTitle="Cover was not arranged"
      onSubmit={(event) => {
        event.preventDefault();
        arrange.submit();
      }}
      submitLabel="Arrange cover"
      submitDisabled={!absentId || !covererId || !reason.trim()}
    >
      {isOwner ? (
        <Field label="Whose caseload" hint="The clinician who will be away.">
          <Select
            value={absentId}
            onChange={(e) => {
              setAbsentId(e.target.value);
            }}
            required
          >
            <option value="">Choose a clinician</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <p className="cover-dialog__whose">Your caseload</p>
      )}
      <Field label="Covered by" hint="A clinician or the owner; never front desk.">
        <Select
          value={covererId}
          onChange={(e) => {
            setCovererId(e.target.value);
          }}
          required
        >
          <option value="">Choose a colleague</option>
          {people
            .filter((p) => p.id !== absentId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
        </Select>
      </Field>
      <div className="cover-dialog__dates">
        <Field label="From">
          <TextInput
            type="datetime-local"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
            }}
            required
          />
        </Field>
        <Field label="Until">
          <TextInput
            type="datetime-local"
            value={until}
            onChange={(e) => {
              setUntil(e.target.value);
            }}
            required
          />
        </Field>
      </div>
      <Field label="Reason" hint="For example “Annual leave” or “Sick leave”.">
        <TextInput
          value={reason}
          maxLength={300}
          onChange={(e) => {
            setReason(e.target.value);
          }}
          required
        />
      </Field>
    </FormDialog>
  );
}
