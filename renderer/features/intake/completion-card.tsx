// Where the intake stands: in progress or completed, and, when main refuses to complete it, exactly
// what is still missing (main's CONFLICT field list) as a checklist with a way to fix each item.
import { CircleCheck, CircleDashed, ClipboardCheck } from 'lucide-react';
import type { ConsentKind, FieldIssue, IntakeRecord } from '../../../preload/contract.ts';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';

export interface CompletionCardProps {
  intake: IntakeRecord | null;
  /** False on a chart open read-only (emergency access): where it stands, nothing to do about it. */
  writable: boolean;
  missing: readonly FieldIssue[] | null;
  problem: string | null;
  busy: boolean;
  onComplete: () => void;
  onRecordConsent: (kind: ConsentKind) => void;
  onFocusField: (path: 'presentingConcern') => void;
  onSaveIntake: () => void;
  guardianHref: string;
}

export function CompletionCard({
  intake,
  writable,
  missing,
  problem,
  busy,
  onComplete,
  onRecordConsent,
  onFocusField,
  onSaveIntake,
  guardianHref,
}: CompletionCardProps) {
  if (intake?.status === 'completed')
    return (
      <Card
        title="Intake"
        icon={<ClipboardCheck size={18} />}
        className="completion-card completion-card--done"
      >
        <p className="completion-card__state">
          <CircleCheck aria-hidden="true" size={18} />
          <span>
            <strong>Completed</strong>
            {intake.completedAt && ` ${formatShortDateTime(intake.completedAt)}`}
            {intake.completedBy && ` by ${intake.completedBy}`}
          </span>
        </p>
        {writable && (
          <p className="muted completion-card__hint">Later changes are saved and audited as edits.</p>
        )}
      </Card>
    );
  return (
    <Card
      title="Intake"
      icon={<ClipboardCheck size={18} />}
      actions={<Badge tone={intake ? 'info' : 'neutral'}>{intake ? 'In progress' : 'Not started'}</Badge>}
      className="completion-card"
    >
      <p className="muted completion-card__hint">
        {writable
          ? 'Complete it once the presenting concern is recorded, the client has consented to treatment and acknowledged the privacy notice, and (for a minor) a guardian is on file.'
          : 'Not completed yet.'}
      </p>
      {missing && missing.length > 0 && (
        <div className="missing" role="alert">
          <p className="missing__title">Before the intake can be completed:</p>
          <ul className="missing__list" aria-label="Still missing">
            {missing.map((m) => (
              <li key={m.path} className="missing__item">
                <CircleDashed aria-hidden="true" size={16} />
                <span className="missing__text">{m.message}</span>
                <FixAction
                  path={m.path}
                  onRecordConsent={onRecordConsent}
                  onFocusField={onFocusField}
                  onSaveIntake={onSaveIntake}
                  guardianHref={guardianHref}
                />
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <Banner tone="danger" live>
          {problem}
        </Banner>
      )}
      {writable && (
        <Button variant="primary" block busy={busy} onClick={onComplete}>
          Complete intake
        </Button>
      )}
    </Card>
  );
}

function FixAction({
  path,
  onRecordConsent,
  onFocusField,
  onSaveIntake,
  guardianHref,
}: Pick<CompletionCardProps, 'onRecordConsent' | 'onFocusField' | 'onSaveIntake' | 'guardianHref'> & {
  path: string;
}) {
  if (path === 'intake')
    return (
      <Button size="sm" variant="link" onClick={onSaveIntake}>
        Save now
      </Button>
    );
  if (path === 'consents.treatment' || path === 'consents.privacy_notice') {
    const kind = path.slice('consents.'.length) as ConsentKind;
    return (
      <Button
        size="sm"
        variant="link"
        onClick={() => {
          onRecordConsent(kind);
        }}
      >
        Record
      </Button>
    );
  }
  if (path === 'presentingConcern')
    return (
      <Button
        size="sm"
        variant="link"
        onClick={() => {
          onFocusField('presentingConcern');
        }}
      >
        Go to it
      </Button>
    );
  if (path === 'guardians')
    return (
      <a className="btn btn--link btn--sm" href={guardianHref}>
        Add guardian
      </a>
    );
  return null;
}
