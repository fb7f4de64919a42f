// A denied request: its ground, whether the client may ask for a review, the explanation, and the
// written denial (45 CFR 164.524(d)), read on screen as main composed it and saved as a PDF to a
// folder the user picks.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Ban, Eye, EyeOff, FileDown } from 'lucide-react';
import { useState } from 'react';
import { DENIAL_GROUNDS, type ReleaseRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { APPROVER_ROLE } from './approval-summary.tsx';
import { DocumentPreview } from './document-preview.tsx';

export function DenialCard({ record }: { record: ReleaseRecord }) {
  const denial = record.denial;
  const letter = useMutation({
    mutationFn: () => call('releases.exportDenialLetter', { requestId: record.summary.id }),
  });
  const [showLetter, setShowLetter] = useState(false);
  const access = record.summary.kind === 'access';
  const shown = useQuery({
    queryKey: ['releases', 'denialLetter', record.summary.id],
    queryFn: () => call('releases.denialLetter', { requestId: record.summary.id }),
    enabled: showLetter && access && denial !== null,
  });
  if (!denial) return null;
  return (
    <Card
      title="Denial"
      icon={<Ban size={18} />}
      className="denial-card"
      description={`Denied by ${denial.deniedBy}${denial.deniedRole ? `, ${APPROVER_ROLE[denial.deniedRole]}` : ''}, ${formatShortDateTime(denial.deniedAt)}.`}
      actions={
        access && (
          <>
            <Button
              variant="secondary"
              size="sm"
              icon={
                showLetter ? <EyeOff aria-hidden="true" size={15} /> : <Eye aria-hidden="true" size={15} />
              }
              aria-expanded={showLetter}
              onClick={() => {
                setShowLetter(!showLetter);
              }}
            >
              {showLetter ? 'Hide the letter' : 'Read the letter'}
            </Button>
            <Button
              variant="primary"
              size="sm"
              icon={<FileDown aria-hidden="true" size={15} />}
              busy={letter.isPending}
              onClick={() => {
                letter.mutate();
              }}
            >
              Save the written denial…
            </Button>
          </>
        )
      }
    >
      <dl className="release-facts">
        <div className="release-facts__row">
          <dt>Ground</dt>
          <dd>{denial.ground ? DENIAL_GROUNDS[denial.ground].label : 'Not stated'}</dd>
        </div>
        <div className="release-facts__row">
          <dt>Review</dt>
          <dd>
            {denial.reviewable ? (
              <Badge tone="info">Reviewable</Badge>
            ) : (
              <Badge tone="neutral">Not reviewable</Badge>
            )}{' '}
            {denial.reviewable
              ? 'The client may ask for a review by another licensed professional (164.524(a)(4)).'
              : 'The law provides no review on this ground.'}
          </dd>
        </div>
        <div className="release-facts__row">
          <dt>Explanation</dt>
          <dd>{denial.explanation}</dd>
        </div>
      </dl>
      {access && (
        <p className="muted denial-card__letter">
          The written denial states the reason in plain language,{' '}
          {denial.reviewable ? 'how to ask for a review, ' : ''}and how to complain to the practice and to the
          Secretary of HHS (Office for Civil Rights). Send it to the client within the due date.
        </p>
      )}
      {showLetter && shown.data && <DocumentPreview document={shown.data} label="The written denial" />}
      {showLetter && shown.isError && (
        <Banner tone="danger" live title="The letter could not be shown">
          {shown.error.message}
        </Banner>
      )}
      {letter.isError && (
        <Banner tone="danger" live title="The letter was not saved">
          {letter.error.message}
        </Banner>
      )}
      {letter.data === null && (
        <Banner tone="info" live>
          No folder was chosen, so the letter was not saved.
        </Banner>
      )}
      {letter.data && (
        <Banner tone="success" live title="Written denial saved">
          In the folder you chose: <code>{letter.data.packageName}</code> ({letter.data.files.join(', ')})
        </Banner>
      )}
    </Card>
  );
}
