// The home screen's "Emergency access" card (issue 21): each time someone broke the glass on a
// chart, for the owner and the client's primary clinician, until each of them acknowledges it.
// Listing names clients, so main audits each showing; the card only asks when there is a session
// that may see it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Siren } from 'lucide-react';
import { EMERGENCY_REASON_LABELS, type EmergencyEvent } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatShortDateTime, formatShortTime } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { chartHref } from '../clients/client-routes.ts';
import { EMERGENCY_EVENTS_KEY, emergencyEventsQuery } from './emergency-queries.ts';

const when = (e: EmergencyEvent): string =>
  `${formatShortDateTime(e.startedAt)} until ${formatShortTime(e.expiresAt)}`;

export function EmergencyAccessCard() {
  const { session } = useSignedIn();
  const maySee = session.user.role !== 'front_desk';
  const events = useQuery({ ...emergencyEventsQuery, enabled: maySee });
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: (grantId: string) => call('emergency.acknowledge', { grantId }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: EMERGENCY_EVENTS_KEY });
    },
  });
  const items = events.data?.events ?? [];
  if (!maySee || items.length === 0) return null;
  return (
    <Card
      title="Emergency access"
      icon={<Siren size={18} />}
      description="Charts opened in an emergency by someone off the care team. Review each access, then acknowledge it."
      className="queue-card emergency-card"
    >
      <ul className="emergency-rows" aria-label="Emergency accesses to acknowledge">
        {items.map((e) => (
          <li key={e.id} className="emergency-row">
            <span className="emergency-row__text">
              <span className="emergency-row__sentence">
                {`${e.byName} opened the chart of `}
                <a href={chartHref(e.clientId, 'access')}>{e.clientName}</a>
                {` (${e.chartNumber})`}
                {e.active && <Badge tone="danger">Open now</Badge>}
              </span>
              <span className="emergency-row__meta">
                {EMERGENCY_REASON_LABELS[e.reason]}
                {e.details ? `: ${e.details}` : ''} · {when(e)}
              </span>
            </span>
            <Button
              size="sm"
              variant="secondary"
              icon={<Check size={16} aria-hidden="true" />}
              busy={acknowledge.isPending && acknowledge.variables === e.id}
              onClick={() => {
                acknowledge.mutate(e.id);
              }}
              aria-label={`Acknowledge: ${e.byName} opened the chart of ${e.clientName}`}
            >
              Acknowledge
            </Button>
          </li>
        ))}
      </ul>
      {acknowledge.isError && (
        <p role="alert" className="emergency-card__error">
          {acknowledge.error.message}
        </p>
      )}
    </Card>
  );
}
