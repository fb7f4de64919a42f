// The parents, guardians and representatives recorded on the client's chart, offered where a
// request or an authorization names one: main accepts only a representative on file (164.502(g)),
// so the person at the desk picks from the chart instead of retyping a name that must match it.
import { useQuery } from '@tanstack/react-query';
import { UserCheck } from 'lucide-react';
import { LEGAL_AUTHORITY_LABELS, type ClientRecord } from '../../../preload/contract.ts';
import { Button } from '../../ui/button.tsx';
import { clientQuery } from '../clients/client-queries.ts';

export type Representative = ClientRecord['guardians'][number];

/** How a representative's authority reads on a request or an authorization. */
export const authorityOf = (g: Representative): string =>
  [g.relation, LEGAL_AUTHORITY_LABELS[g.legalAuthority].toLowerCase(), g.authorityNote]
    .filter(Boolean)
    .join('; ');

export function RepresentativesOnFile({
  clientId,
  onPick,
}: {
  clientId: string;
  onPick: (representative: Representative) => void;
}) {
  const client = useQuery({ ...clientQuery(clientId), enabled: clientId !== '' });
  if (!clientId || !client.data) return null;
  const people = client.data.guardians;
  if (people.length === 0)
    return (
      <p className="representatives representatives--none">
        No parent, guardian or representative is recorded on this client’s chart. Add them to the chart first,
        with their legal authority.
      </p>
    );
  return (
    <div className="representatives">
      <p className="representatives__title">Recorded on the chart</p>
      <ul className="representatives__list" aria-label="Representatives on the chart">
        {people.map((g) => (
          <li key={g.name} className="representatives__item">
            <UserCheck aria-hidden="true" size={15} />
            <span className="representatives__name">{g.name}</span>
            <span className="representatives__authority">{authorityOf(g)}</span>
            <Button
              size="sm"
              aria-label={`Use ${g.name}`}
              onClick={() => {
                onPick(g);
              }}
            >
              Use
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
