// What a person sees when they open a page their role does not include (a typed or old link).
import { ShieldBan } from 'lucide-react';
import { ROLE_LABELS, type Role } from '../../../preload/contract.ts';
import { hrefFor } from '../../app/use-hash-path.ts';
import { EmptyState } from '../../ui/empty-state.tsx';

export function NotAvailablePage({ role, page }: { role: Role; page: string }) {
  return (
    <div className="page page--centered">
      <EmptyState
        icon={<ShieldBan size={28} />}
        title="Not available for your role"
        actions={
          <a className="btn btn--secondary btn--md" href={hrefFor('clients')}>
            <span className="btn__label">Go to Clients</span>
          </a>
        }
      >
        <p>{`${page} is available to the practice owner only, and you are signed in as ${ROLE_LABELS[role].toLowerCase()}. If you need something from it, ask the practice owner.`}</p>
      </EmptyState>
    </div>
  );
}
