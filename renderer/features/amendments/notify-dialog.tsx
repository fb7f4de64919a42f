// Whom to tell of an accepted amendment (45 CFR 164.526(c)(3)): main proposes the people the client
// named and everyone the disclosure log shows received the records; the client agrees to the list
// (they may strike or add someone), and the agreed list is recorded once. A notice is written to
// each from the request's card.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { todayIso, type AmendmentView, type ProposedNotice } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { amendmentChanged } from './amendment-queries.ts';

type Row = ProposedNotice & { chosen: boolean };

const sourceWords = (p: ProposedNotice): string =>
  p.source === 'client'
    ? 'Named by the client'
    : `Received these records on ${formatCalendarDate(p.disclosedOn ?? '')} (disclosure log)`;

export function NotifyDialog({ request, onClose }: { request: AmendmentView; onClose: () => void }) {
  const proposal = useQuery({
    queryKey: ['amendments', request.clientId, 'proposal', request.id],
    queryFn: () => call('amendments.proposeNotices', { requestId: request.id }),
    staleTime: 0,
  });
  if (!proposal.data) return null;
  return <NotifyForm request={request} proposed={proposal.data} onClose={onClose} />;
}

function NotifyForm({
  request,
  proposed,
  onClose,
}: {
  request: AmendmentView;
  proposed: ProposedNotice[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(proposed.map((p) => ({ ...p, chosen: true })));
  const [agreedOn, setAgreedOn] = useState(todayIso());
  const [other, setOther] = useState({ name: '', address: '' });
  const agree = useFormMutation({
    mutationFn: () =>
      call('amendments.agreeNotices', {
        requestId: request.id,
        agreedOn,
        recipients: rows
          .filter((r) => r.chosen)
          .map((r) => ({
            name: r.name,
            address: r.address ?? undefined,
            source: r.source,
            disclosureId: r.disclosureId,
          })),
      }),
    onSuccess: (v) => {
      amendmentChanged(queryClient, v);
      onClose();
    },
  });
  const chosen = rows.filter((r) => r.chosen).length;
  return (
    <FormDialog
      title="Whom to tell of the amendment"
      description="Proposed from the people the client named and the disclosure log. Read the list to the client; record it once they agree. Each person then gets a notice with the amendment."
      size="lg"
      onClose={onClose}
      mutation={agree}
      onSubmit={() => {
        agree.submit(undefined);
      }}
      problemTitle="The list was not recorded"
      submitLabel={chosen === 0 ? 'Record: tell no one' : `Record the list (${String(chosen)})`}
    >
      {rows.length === 0 ? (
        <p className="muted">
          No one is proposed: the client named no one and the disclosure log shows no one who received these
          records.
        </p>
      ) : (
        <ul className="amendment-notify" aria-label="People to tell">
          {rows.map((r, i) => (
            <li key={`${r.source}-${r.disclosureId ?? ''}-${String(i)}`}>
              <CheckboxField
                label={
                  <span className="amendment-notify__who">
                    <strong>{r.name}</strong>
                    {r.address && <span>{r.address}</span>}
                    <span className="muted">{sourceWords(r)}</span>
                  </span>
                }
                checked={r.chosen}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setRows((all) => all.map((x, j) => (j === i ? { ...x, chosen: checked } : x)));
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <fieldset className="amendment-form__people">
        <legend>Someone else the client names</legend>
        <div className="amendment-form__person">
          <Field label="Name">
            <TextInput
              value={other.name}
              onChange={(e) => {
                setOther({ ...other, name: e.currentTarget.value });
              }}
            />
          </Field>
          <Field label="Address" optional>
            <TextInput
              value={other.address}
              onChange={(e) => {
                setOther({ ...other, address: e.currentTarget.value });
              }}
            />
          </Field>
          <Button
            size="sm"
            icon={<Plus aria-hidden="true" size={15} />}
            disabled={other.name.trim() === ''}
            onClick={() => {
              setRows((all) => [
                ...all,
                {
                  name: other.name.trim(),
                  address: other.address.trim() || null,
                  source: 'client',
                  disclosureId: null,
                  disclosedOn: null,
                  chosen: true,
                },
              ]);
              setOther({ name: '', address: '' });
            }}
          >
            Add
          </Button>
        </div>
      </fieldset>
      <Field label="Date the client agreed">
        <TextInput
          type="date"
          max={todayIso()}
          value={agreedOn}
          onChange={(e) => {
            setAgreedOn(e.currentTarget.value);
          }}
        />
      </Field>
    </FormDialog>
  );
}
