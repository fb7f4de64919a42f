// Clients. Registration and charts are not part of this version yet, so the page says so plainly.
import { Users } from 'lucide-react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

export function ClientsPage() {
  return (
    <div className="page">
      <PageHeader title="Clients" description="The people the practice cares for, and their records." />
      <div className="panel">
        <EmptyState icon={<Users size={28} />} title="No clients yet">
          <p>
            Registering clients is not available in this version of Stillwater. Once it is, each client’s
            demographics, intake and session notes will be listed here.
          </p>
        </EmptyState>
      </div>
    </div>
  );
}
