// The consent form's values (what the clinician types; '' until chosen), the signer labels, and
// the signatures it starts with: the client, and for a minor the guardian on file.
import type { z } from 'zod';
import {
  LEGAL_AUTHORITY_LABELS,
  todayIso,
  type ClientRecord,
  type ConsentInput,
  type ConsentKind,
  type SignerRole,
} from '../../../preload/contract.ts';
import { legalName } from '../clients/client-format.tsx';

export interface SignatureValues {
  signerName: string;
  signerRole: SignerRole | '';
  authority: string;
  signedOn: string;
  witnessName: string;
}

export interface ConsentValues {
  kind: ConsentKind | '';
  givenOn: string;
  minorConsentedAlone: boolean;
  legalBasis: string;
  notes: string;
  signatures: SignatureValues[];
}

export type ConsentParsed = z.output<typeof ConsentInput>;

export const SIGNER_LABELS: Record<SignerRole, string> = {
  client: 'Client',
  guardian: 'Guardian',
  parent: 'Parent',
  representative: 'Personal representative',
};

export function initialSignatures(client: ClientRecord): SignatureValues[] {
  const today = todayIso();
  const own: SignatureValues = {
    signerName: legalName(client),
    signerRole: 'client',
    authority: '',
    signedOn: today,
    witnessName: '',
  };
  const guardian = client.guardians[0];
  if (client.age >= 18 || !guardian) return [own];
  return [
    own,
    {
      signerName: guardian.name,
      signerRole: guardian.legalAuthority === 'parent' ? 'parent' : 'guardian',
      authority: `${guardian.relation}; ${LEGAL_AUTHORITY_LABELS[guardian.legalAuthority].toLowerCase()}`,
      signedOn: today,
      witnessName: '',
    },
  ];
}
