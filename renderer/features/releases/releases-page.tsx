// Records releases. Preparing them is not part of this version yet, so the page says so plainly.
import { FileOutput } from 'lucide-react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

export function ReleasesPage() {
  return (
    <div className="page">
      <PageHeader
        title="Releases"
        description="Requests for records from clients and third parties, and what was sent."
      />
      <div className="panel">
        <EmptyState icon={<FileOutput size={28} />} title="No records releases yet">
          <p>
            Preparing a release of information is not available in this version of Stillwater. Once it is,
            each request will be listed here with its authorization, its status and the disclosure log.
          </p>
        </EmptyState>
      </div>
    </div>
  );
}
