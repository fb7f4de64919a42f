// The backups in the folder, newest first: date, size, checked. Each can be restored on this
// computer (owner), through a confirmation that names its date.
import { useQuery } from '@tanstack/react-query';
import { ArchiveRestore } from 'lucide-react';
import { useState } from 'react';
import type { BackupGeneration } from '../../../preload/contract.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { Table } from '../../ui/table.tsx';
import { backupDateTime, formatBytes } from './backup-format.ts';
import { backupGenerationsQuery } from './backup-queries.ts';
import { RestoreHereDialog } from './restore-here-dialog.tsx';

export function GenerationsTable({ folderMissing }: { folderMissing: boolean }) {
  const generations = useQuery(backupGenerationsQuery);
  const [restoring, setRestoring] = useState<BackupGeneration | null>(null);
  if (generations.isPending) return <LoadingState label="Reading the backup folder…" />;
  if (generations.isError)
    return (
      <Banner tone="danger" live>
        {generations.error.message}
      </Banner>
    );
  if (generations.data.length === 0 && folderMissing)
    return (
      <p className="muted backup-empty">
        The folder cannot be reached, so its backups cannot be listed. Connect the drive or choose the folder
        again.
      </p>
    );
  if (generations.data.length === 0)
    return (
      <p className="muted backup-empty">No backups in this folder yet. Use Back up now to make the first.</p>
    );
  return (
    <>
      <Table caption="Backups in the folder" className="backup-generations">
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">Size</th>
            <th scope="col">Check</th>
            <th scope="col" className="table__actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {generations.data.map((g, index) => (
            <tr key={g.name}>
              <td>
                <span className="backup-generations__date">{backupDateTime(g.createdAt)}</span>
                {index === 0 && <Badge tone="accent">Newest</Badge>}
              </td>
              <td className="num nowrap">{formatBytes(g.sizeBytes)}</td>
              <td>
                <Badge tone="success">Verified</Badge>
              </td>
              <td className="table__actions">
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<ArchiveRestore aria-hidden="true" size={15} />}
                  aria-label={`Restore the backup made ${backupDateTime(g.createdAt)}…`}
                  onClick={() => {
                    setRestoring(g);
                  }}
                >
                  Restore…
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {restoring && (
        <RestoreHereDialog
          generation={restoring}
          onClose={() => {
            setRestoring(null);
          }}
        />
      )}
    </>
  );
}
