// What the note needs before it can be signed, live as the clinician types: the contract's
// signingIssues and linkIssues (the lists main checks before signing; the latter against the
// client's current diagnoses and signed plan), shown as a checklist with what is done,
// and a service code that does not fit the session's length (serviceCodeMismatch, which main also
// applies: signing it needs the clinician's yes).
import { useQuery } from '@tanstack/react-query';
import { CircleCheck, CircleDashed, ListChecks } from 'lucide-react';
import type { ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  durationMinutes,
  noteLayout,
  serviceCodeMismatch,
  todayIso,
  type FieldIssue,
  type NoteLinkOptions,
  type ServiceCodeMismatch,
} from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { linkOptionsQuery } from './note-links-card.tsx';
import { signingIssuesOf, type NoteValues } from './note-values.ts';

interface Item {
  path: string;
  label: string;
  done: boolean;
  message: string | null;
}

function requirements(v: NoteValues, links: NoteLinkOptions | undefined): { path: string; label: string }[] {
  const items = [{ path: 'serviceDate', label: 'Service date' }];
  if (v.kind === 'progress') {
    items.push(
      { path: 'startTime', label: 'Start time' },
      { path: 'endTime', label: 'End time' },
      { path: 'serviceCode', label: 'Service code' },
      { path: 'modality', label: 'How the session took place' },
      { path: 'riskLevel', label: 'Risk level' },
    );
    if (v.riskLevel === 'moderate' || v.riskLevel === 'high')
      items.push({ path: 'riskPlan', label: 'Risk plan' });
    // linkIssues: a client with an active diagnosis needs at least one ticked.
    if (links?.diagnoses.some((d) => d.status === 'active'))
      items.push({ path: 'addressedDiagnosisIds', label: 'Diagnoses addressed' });
  }
  // Only the sections the note's own template (or template version) requires.
  for (const s of noteLayout(v).sections) {
    if (s.required) items.push({ path: `sections.${s.key}`, label: s.label });
  }
  return items;
}

const valueAt = (v: NoteValues, path: string): unknown =>
  path.startsWith('sections.') ? v.sections[path.slice('sections.'.length)] : v[path as keyof NoteValues];

const isEmpty = (value: unknown): boolean =>
  Array.isArray(value) ? value.length === 0 : typeof value !== 'string' || value.trim() === '';

export function checklistOf(
  values: NoteValues,
  issues: readonly FieldIssue[],
  links?: NoteLinkOptions,
): Item[] {
  const items: Item[] = requirements(values, links).map((r) => {
    const issue = issues.find((i) => i.path === r.path);
    // An empty field reads as its name ("Start time"); a filled one that is still wrong says why.
    const empty = isEmpty(valueAt(values, r.path));
    return { ...r, done: !issue, message: issue && !empty ? issue.message : null };
  });
  for (const issue of issues)
    if (!items.some((i) => i.path === issue.path))
      items.push({ path: issue.path, label: issue.message, done: false, message: issue.message });
  return items;
}

/**
 * The service-code check as far as the editor can make it: main also knows whether the chart has
 * earlier sessions (the intake rule) and says so when the note is signed.
 */
export const serviceCodeWarning = (v: NoteValues): ServiceCodeMismatch | null =>
  serviceCodeMismatch({
    kind: v.kind,
    serviceCode: v.serviceCode,
    durationMinutes: durationMinutes(v.startTime, v.endTime),
    laterSession: null,
  });

export interface SigningChecklistProps {
  clientId: string;
  onGoTo: (path: string) => void;
  children?: ReactNode;
}

export function SigningChecklist({ clientId, onGoTo, children }: SigningChecklistProps) {
  const { control } = useFormContext<NoteValues>();
  const values = useWatch({ control }) as NoteValues;
  const links = useQuery(linkOptionsQuery(clientId)).data;
  const issues = signingIssuesOf(values, clientId, todayIso(), links);
  const items = checklistOf(values, issues, links);
  const done = items.filter((i) => i.done).length;
  const ready = done === items.length;
  const mismatch = serviceCodeWarning(values);
  return (
    <Card
      title="Before signing"
      icon={<ListChecks size={18} />}
      className={cx('signing-card', ready && 'signing-card--ready')}
      description={ready ? 'Everything needed is here.' : `${String(done)} of ${String(items.length)} done`}
    >
      <div
        className="signing-progress"
        role="progressbar"
        aria-label="Ready to sign"
        aria-valuemin={0}
        aria-valuemax={items.length}
        aria-valuenow={done}
      >
        <span style={{ width: `${String(Math.round((done / Math.max(items.length, 1)) * 100))}%` }} />
      </div>
      <ul className="signing-list" aria-label="Signing checklist">
        {items.map((item) => (
          <li key={item.path} className={cx('signing-item', item.done && 'signing-item--done')}>
            {item.done ? (
              <CircleCheck aria-hidden="true" size={16} />
            ) : (
              <CircleDashed aria-hidden="true" size={16} />
            )}
            {item.done ? (
              <span className="signing-item__text">
                {item.label}
                <span className="sr-only"> (done)</span>
              </span>
            ) : (
              <button
                type="button"
                className="signing-item__text signing-item__link"
                onClick={() => {
                  onGoTo(item.path);
                }}
              >
                {item.message ?? item.label}
              </button>
            )}
          </li>
        ))}
      </ul>
      {mismatch && (
        <Banner tone="warning" title="Check the service code" className="signing-warning">
          {mismatch.message}
        </Banner>
      )}
      {children}
    </Card>
  );
}
