// The home screen's "Cover" card (issue 21, planned cover): "You are covering X's caseload until …"
// for the coverer, "Y covers your caseload until …" for the absent clinician, every cover for the
// owner, with Arrange cover and End early. Main decides everything; this shows its answer.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarClock, UserRoundPlus } from 'lucide-react';
import { useState } from 'react';
import type { Cover } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { CLIENT_SEARCH_KEY } from '../clients/client-queries.ts';
import { ArrangeCoverDialog } from './arrange-cover-dialog.tsx';
import { COVERS_KEY, coversQuery } from './cover-queries.ts';

function sentence(cover: Cover, me: string): string {
  const until = formatShortDateTime(cover.endsAt);
  const when =
    cover.status === 'upcoming'
      ? `from ${formatShortDateTime(cover.startsAt)} until ${until}`
      : `until ${until}`;
  if (cover.status === 'ended')
    return cover.coverer.id === me
      ? `Your cover of ${cover.absent.displayName}’s caseload has ended.`
      : `${cover.coverer.displayName}’s cover of ${cover.absent.id === me ? 'your' : `${cover.absent.displayName}’s`} caseload has ended.`;
  if (cover.coverer.id === me) return `You are covering ${cover.absent.displayName}’s caseload ${when}.`;
  if (cover.absent.id === me) return `${cover.coverer.displayName} covers your caseload ${when}.`;
  return `${cover.coverer.displayName} covers ${cover.absent.displayName}’s caseload ${when}.`;
}

export function CoverCard() {
  const { session } = useSignedIn();
  const me = session.user.id;
  const role = session.user.role;
  const mayArrange = role !== 'front_desk';
  const covers = useQuery({ ...coversQuery, enabled: mayArrange });
  const queryClient = useQueryClient();
  const [arranging, setArranging] = useState(false);
  const end = useMutation({
    mutationFn: (grantId: string) => call('cover.endCover', { grantId }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: COVERS_KEY });
      void queryClient.invalidateQueries({ queryKey: CLIENT_SEARCH_KEY });
    },
  });
  if (!mayArrange) return null;
  const items = covers.data?.covers ?? [];
  return (
    <Card
      title="Cover"
      icon={<CalendarClock size={18} />}
      description={
        items.length === 0
          ? 'Going on leave? Arrange for a colleague to cover your caseload: they see your clients, their sessions and signed progress notes until the end time, never psychotherapy notes or Part 2 records.'
          : 'A colleague covering a caseload sees its clients, their sessions and signed progress notes until the end time.'
      }
      actions={
        <Button
          size="sm"
          icon={<UserRoundPlus size={16} aria-hidden="true" />}
          onClick={() => {
            setArranging(true);
          }}
        >
          Arrange cover
        </Button>
      }
      className="queue-card cover-card"
    >
      {items.length > 0 && (
        <ul className="cover-rows" aria-label="Covers">
          {items.map((c) => (
            <li key={c.id} className={cx('cover-row', `cover-row--${c.status}`)}>
              <span className="cover-row__text">
                <span className="cover-row__sentence">{sentence(c, me)}</span>
                <span className="cover-row__meta">
                  {c.reason} · arranged by {c.grantedBy.id === me ? 'you' : c.grantedBy.displayName}
                  {c.endedEarly ? ` · ended early by ${c.endedEarly.by.displayName}` : ''}
                </span>
              </span>
              {c.mayEnd && (
                <Button
                  size="sm"
                  variant="ghost"
                  busy={end.isPending && end.variables === c.id}
                  onClick={() => {
                    end.mutate(c.id);
                  }}
                  aria-label={`End early: ${sentence(c, me)}`}
                >
                  End early
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {end.isError && (
        <p role="alert" className="cover-card__error">
          {end.error.message}
        </p>
      )}
      {arranging && (
        <ArrangeCoverDialog
          onClose={() => {
            setArranging(false);
          }}
        />
      )}
    </Card>
  );
}
