// The owner's warning after sign-in when the newest backup is too old or the last one failed, in
// main's plain words, with the way to Settings > Backups. Dismissed for this sign-in only.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { hrefFor } from '../../app/use-hash-path.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { warningOf } from './backup-format.ts';
import { BACKUP_SETTINGS_PATH, backupStatusQuery } from './backup-queries.ts';

export function BackupWarningBanner() {
  const status = useQuery(backupStatusQuery);
  const [dismissed, setDismissed] = useState(false);
  const warning = status.data ? warningOf(status.data) : null;
  if (!warning || dismissed) return null;
  return (
    <Banner
      tone={warning.failed ? 'danger' : 'warning'}
      className="shell__banner"
      live
      title={warning.title}
      actions={
        <>
          <a className="btn btn--primary btn--sm" href={hrefFor(BACKUP_SETTINGS_PATH)}>
            <span className="btn__label">Open Settings → Backups</span>
          </a>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setDismissed(true);
            }}
          >
            Dismiss
          </Button>
        </>
      }
    >
      {warning.text}
    </Banner>
  );
}
