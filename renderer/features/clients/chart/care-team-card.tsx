// The care team: the primary clinician and the colleagues granted the chart. Clinicians on the
// team (and the owner) add or remove members; each grant is audited by main.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Stethoscope, UserMinus, UserPlus } from 'lucide-react';
import { useId, useState } from 'react';
import type { ClientRecord } from '../../../../preload/contract.ts';
import { call } from '../../../api.ts';
import { useSignedIn } from '../../../app/session.tsx';
import { formatShortDateTime } from '../../../lib/calendar-date.ts';
import { useFormMutation } from '../../../lib/use-form-mutation.ts';
import { Badge } from '../../../ui/badge.tsx';
import { Banner } from '../../../ui/banner.tsx';
import { Button } from '../../../ui/button.tsx';
import { Card } from '../../../ui/card.tsx';
import { Dialog, DialogFooter } from '../../../ui/dialog.tsx';
import { Select } from '../../../ui/field.tsx';
import { ProblemBanner } from '../../../ui/problem-banner.tsx';
import { legalName } from '../client-format.tsx';
import { CLIENT_SEARCH_KEY, clientChanged, cliniciansIn, directoryQuery } from '../client-queries.ts';
import { go, listHref } from '../client-routes.ts';

export function CareTeamCard({ client }: { client: ClientRecord }) {
  const { session } = useSignedIn();
  const queryClient = useQueryClient();
  const selectId = useId();
  const directory = useQuery({ ...directoryQuery, enabled: client.access.manageCareTeam });
  const [choice, setChoice] = useState('');
  const [removing, setRemoving] = useState<{ id: string; displayName: string } | null>(null);
  const onTeam = new Set([client.primaryClinician.id, ...client.careTeam.map((m) => m.id)]);
  const candidates = cliniciansIn(directory.data ?? []).filter((p) => !onTeam.has(p.id));

  const add = useMutation({
    mutationFn: (userId: string) => call('clients.addCareTeamMember', { clientId: client.id, userId }),
    onSuccess: (record) => {
      clientChanged(queryClient, record);
      setChoice('');
    },
  });

  return (
    <Card
      title="Care team"
      icon={<Stethoscope size={18} />}
      description="Who may open the full chart. Every change is audited."
    >
      <ul className="people-list">
        <li className="people-list__item">
          <div>
            <span className="people-list__name">{client.primaryClinician.displayName}</span>
            <span className="people-list__meta">Primary clinician</span>
          </div>
          <Badge tone="accent">Primary</Badge>
        </li>
        {client.careTeam.map((m) => (
          <li key={m.id} className="people-list__item">
            <div>
              <span className="people-list__name">{m.displayName}</span>
              <span className="people-list__meta">
                Added by {m.addedBy}, {formatShortDateTime(m.addedAt)}
              </span>
            </div>
            {client.access.manageCareTeam && (
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove ${m.displayName} from the care team`}
                onClick={() => {
                  setRemoving({ id: m.id, displayName: m.displayName });
                }}
              >
                <UserMinus aria-hidden="true" size={16} />
              </button>
            )}
          </li>
        ))}
      </ul>
      {client.access.manageCareTeam && (
        <form
          className="care-team-add"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) add.mutate(choice);
          }}
        >
          <label htmlFor={selectId} className="sr-only">
            Clinician to add
          </label>
          <Select
            id={selectId}
            value={choice}
            onChange={(event) => {
              setChoice(event.target.value);
            }}
            disabled={candidates.length === 0}
          >
            <option value="">
              {candidates.length === 0 ? 'Everyone is on the team' : 'Add a clinician…'}
            </option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
          <Button
            type="submit"
            icon={<UserPlus aria-hidden="true" size={16} />}
            busy={add.isPending}
            disabled={!choice}
          >
            Add
          </Button>
        </form>
      )}
      {add.isError && (
        <Banner tone="danger" live>
          {add.error.message}
        </Banner>
      )}
      {removing && (
        <RemoveMemberDialog
          client={client}
          member={removing}
          isSelf={removing.id === session.user.id}
          onClose={() => {
            setRemoving(null);
          }}
          onRemoved={(record) => {
            setRemoving(null);
            if (removing.id === session.user.id && !record.access.clinical) {
              // Leaving the team ends this clinician's access: back to their list.
              queryClient.removeQueries({ queryKey: ['clients', 'detail', client.id] });
              void queryClient.invalidateQueries({ queryKey: CLIENT_SEARCH_KEY });
              go(listHref);
            } else clientChanged(queryClient, record);
          }}
        />
      )}
    </Card>
  );
}

function RemoveMemberDialog({
  client,
  member,
  isSelf,
  onClose,
  onRemoved,
}: {
  client: ClientRecord;
  member: { id: string; displayName: string };
  isSelf: boolean;
  onClose: () => void;
  onRemoved: (record: ClientRecord) => void;
}) {
  const remove = useFormMutation({
    mutationFn: () => call('clients.removeCareTeamMember', { clientId: client.id, userId: member.id }),
    onSuccess: onRemoved,
  });
  return (
    <Dialog
      title={`Remove ${member.displayName} from the care team?`}
      size="sm"
      onClose={onClose}
      description={
        isSelf
          ? `You will no longer be able to open ${legalName(client)}’s chart.`
          : `They will no longer be able to open ${legalName(client)}’s chart. You can add them again later.`
      }
    >
      <ProblemBanner problem={remove.problem} />
      <DialogFooter>
        <Button variant="ghost" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button
          variant="danger"
          busy={remove.pending}
          onClick={() => {
            remove.submit();
          }}
        >
          Remove
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
