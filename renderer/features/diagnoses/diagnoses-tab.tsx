// A client's Diagnoses tab (issue 20): the ranked ICD-10-CM list as on a claim form (1 is primary,
// up to 12), reordered by dragging a row or with Move up / Move down, then the diagnoses no longer
// ranked (resolved, entered in error); each with its status, onset, who recorded it, and its
// history. Main decides who may see and change them and every rule (the code, the ranking, the Z
// code warning); the tab only shows what main answers.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Stethoscope } from 'lucide-react';
import { useState } from 'react';
import { todayIso, type ClientRecord } from '../../../preload/contract.ts';
import { MAX_RANKED_DIAGNOSES, type Diagnosis } from '../../../preload/contract/diagnoses.ts';
import { draftKey } from '../../../preload/contract/drafts.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Spinner } from '../../ui/spinner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { AddDiagnosisDialog } from './add-diagnosis-dialog.tsx';
import { DiagnosisRow } from './diagnosis-row.tsx';
import { diagnosesAsOfQuery, diagnosesChanged, diagnosesKey, diagnosesQuery } from './diagnosis-queries.ts';

const isRanked = (d: Diagnosis): boolean => d.current.rank !== null;

/** The last moment of a calendar day where the practice is, as an ISO time. */
function endOfLocalDay(day: string): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

export function DiagnosesTab({ client }: { client: ClientRecord }) {
  const queryClient = useQueryClient();
  // A day chosen under "Show the list as of": the list as it stood at the end of that day.
  const [asOfDay, setAsOfDay] = useState('');
  const asOf = asOfDay === '' ? null : endOfLocalDay(asOfDay);
  const current = useQuery(diagnosesQuery(client.id));
  const past = useQuery({ ...diagnosesAsOfQuery(client.id, asOf ?? ''), enabled: asOf !== null });
  const query = asOf === null ? current : past;
  const adding = useDraftDialog(draftKey('diagnosis-new', client.id));
  const [dragging, setDragging] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const reorder = useMutation({
    mutationFn: (order: string[]) => call('diagnoses.reorder', { clientId: client.id, order }),
    onSuccess: (list) => {
      queryClient.setQueryData(diagnosesKey(client.id), list);
      diagnosesChanged(queryClient, client.id);
    },
  });
  const data = query.data;
  const writable = chartWritable(client);
  // A past list is only read; so is every list of a chart open read-only (emergency access).
  const pastList = asOf !== null;
  const readOnly = pastList || !writable;
  const ranked = data?.diagnoses.filter(isRanked) ?? [];
  const others = data?.diagnoses.filter((d) => !isRanked(d)) ?? [];
  const full = ranked.length >= MAX_RANKED_DIAGNOSES;

  const move = (id: string, to: number): void => {
    const order = ranked.map((d) => d.id).filter((x) => x !== id);
    order.splice(Math.max(0, Math.min(to, order.length)), 0, id);
    if (order.every((x, i) => x === ranked[i]?.id)) return;
    const moved = ranked.find((d) => d.id === id);
    setAnnounce(moved ? `${moved.code} moved to position ${String(to + 1)} of ${String(order.length)}.` : '');
    reorder.mutate(order);
  };

  const addButton = (
    <Button
      size="sm"
      variant="primary"
      icon={<Plus aria-hidden="true" size={15} />}
      onClick={adding.show}
      disabled={full}
      title={full ? `The list holds ${String(MAX_RANKED_DIAGNOSES)} ranked diagnoses.` : undefined}
    >
      Add diagnosis
    </Button>
  );

  return (
    <div className="diagnoses-tab">
      <Card
        title="Diagnoses"
        icon={<Stethoscope size={18} />}
        description={
          writable
            ? "ICD-10-CM, in claim order: the first is the primary diagnosis. Drag a row, or use Move up and Move down, to change the order. Changes keep each diagnosis's history."
            : 'ICD-10-CM, in claim order: the first is the primary diagnosis. Each keeps its history.'
        }
        actions={data && !readOnly && addButton}
      >
        <div className="diagnoses__when">
          <label className="diagnoses__when-label" htmlFor={`${client.id}-as-of`}>
            Show the list as of
          </label>
          <input
            id={`${client.id}-as-of`}
            className="input diagnoses__when-input"
            type="date"
            max={todayIso()}
            value={asOfDay}
            onChange={(event) => {
              setAsOfDay(event.target.value);
            }}
          />
          {pastList && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setAsOfDay('');
              }}
            >
              Back to today
            </Button>
          )}
        </div>
        {pastList && (
          <Banner
            tone="info"
            title={`The diagnoses as they stood at the end of ${formatCalendarDate(asOfDay)}`}
          >
            Each diagnosis shows the version in force then; diagnoses recorded later are not listed. Nothing
            can be changed here.
          </Banner>
        )}
        {query.isPending && (
          <p className="muted diagnoses__loading">
            <Spinner size={16} /> Loading diagnoses…
          </p>
        )}
        {query.isError && (
          <Banner tone="danger" live title="The diagnoses could not be loaded">
            {query.error.message}
          </Banner>
        )}
        {data?.warnings.map((w) => (
          <Banner key={w} tone="warning" title="Check the primary diagnosis">
            {w}
          </Banner>
        ))}
        {reorder.isError && (
          <Banner tone="danger" live title="The new order was not saved">
            {reorder.error.message}
          </Banner>
        )}
        {data && data.hiddenPart2 > 0 && (
          <p className="diagnoses__hidden">
            {data.hiddenPart2 === 1 ? 'One diagnosis is' : `${String(data.hiddenPart2)} diagnoses are`} part
            of the practice’s 42 CFR Part 2 records and shown only to the client’s care team.
          </p>
        )}
        {data &&
          data.diagnoses.length === 0 &&
          (pastList ? (
            <EmptyState icon={<Stethoscope size={28} />} title="No diagnoses recorded by then" />
          ) : !writable ? (
            <EmptyState icon={<Stethoscope size={28} />} title="No diagnoses recorded" />
          ) : (
            <EmptyState icon={<Stethoscope size={28} />} title="No diagnoses recorded" actions={addButton}>
              Add the client’s diagnoses by ICD-10-CM code or by words. The first one you add is the primary
              diagnosis.
            </EmptyState>
          ))}
        {ranked.length > 0 && (
          <>
            <div className="diagnoses__head" aria-hidden="true">
              <span>Rank</span>
              <span>Diagnosis</span>
              <span>Status</span>
              <span>Onset</span>
              <span>Recorded</span>
              <span />
            </div>
            <ol
              className="diagnoses__list"
              aria-label="Ranked diagnoses, primary first"
              aria-busy={reorder.isPending}
            >
              {ranked.map((d, i) => (
                <DiagnosisRow
                  key={d.id}
                  diagnosis={d}
                  position={i}
                  count={ranked.length}
                  dragging={dragging === d.id}
                  busy={reorder.isPending}
                  readOnly={readOnly}
                  onMove={
                    readOnly
                      ? undefined
                      : (to) => {
                          move(d.id, to);
                        }
                  }
                  drag={
                    readOnly
                      ? undefined
                      : {
                          start: () => {
                            setDragging(d.id);
                          },
                          end: () => {
                            setDragging(null);
                          },
                          drop: () => {
                            if (dragging) move(dragging, i);
                            setDragging(null);
                          },
                          active: dragging !== null,
                        }
                  }
                />
              ))}
            </ol>
            <p className="diagnoses__count muted">
              {ranked.length} of {MAX_RANKED_DIAGNOSES} ranked diagnoses a claim form carries.
            </p>
          </>
        )}
        {others.length > 0 && (
          <section className="diagnoses__others" aria-labelledby="diagnoses-others">
            <h3 id="diagnoses-others" className="diagnoses__subtitle">
              No longer ranked
            </h3>
            <ul className="diagnoses__list diagnoses__list--others">
              {others.map((d) => (
                <DiagnosisRow
                  key={d.id}
                  diagnosis={d}
                  position={null}
                  count={ranked.length}
                  readOnly={readOnly}
                />
              ))}
            </ul>
          </section>
        )}
        <p className="sr-only" aria-live="polite">
          {announce}
        </p>
      </Card>
      {writable && adding.open && data && (
        <AddDiagnosisDialog client={client} rankedCount={ranked.length} onClose={adding.close} />
      )}
    </div>
  );
}
