// The consent form's values (what the clinician types; '' until chosen), the signer labels, who may
// have consented on the consent's date, and the signatures it starts with: the client, and for a
// minor the guardian on file (dropped when the minor consented alone, added back for a guardian).
import type { z } from 'zod';
import {
  CONFIDENTIAL_FROM_GUARDIAN,
  LEGAL_AUTHORITY_LABELS,
  todayIso,
  type ClientRecord,
  type ConsentBasis,
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
  basis: ConsentBasis | '';
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

/** Who may have consented: an adult for themselves (or a conservator); a minor through a guardian or on their own. */
export function basesFor(minor: boolean): ConsentBasis[] {
  return minor ? ['guardian', 'minor_alone', 'court', 'confidentiality_agreement'] : ['client', 'guardian'];
}

export const isConfidentialBasis = (basis: ConsentBasis | ''): boolean =>
  basis !== '' && CONFIDENTIAL_FROM_GUARDIAN.includes(basis);

/** The legal-basis field for the bases that need one: its label and an example. */
export const LEGAL_BASIS_FIELD: Partial<Record<ConsentBasis, { label: string; hint: string }>> = {
  minor_alone: {
    label: 'State law that lets the minor consent',
    hint: 'The statute and section, e.g. ORS 109.675.',
  },
  court: { label: 'The court order', hint: 'Court, case number and date of the order.' },
  confidentiality_agreement: {
    label: 'The parent’s agreement',
    hint: 'Who agreed, on what date, and where the signed agreement is kept.',
  },
};

function guardianSignature(client: ClientRecord, signedOn: string): SignatureValues | null {
  const guardian = client.guardians[0];
  if (!guardian) return null;
  return {
    signerName: guardian.name,
    signerRole: guardian.legalAuthority === 'parent' ? 'parent' : 'guardian',
    authority: `${guardian.relation}; ${LEGAL_AUTHORITY_LABELS[guardian.legalAuthority].toLowerCase()}`,
    signedOn,
    witnessName: '',
  };
}

export function initialSignatures(client: ClientRecord): SignatureValues[] {
  const today = todayIso();
  const own: SignatureValues = {
    signerName: legalName(client),
    signerRole: 'client',
    authority: '',
    signedOn: today,
    witnessName: '',
  };
  const guardian = guardianSignature(client, today);
  if (client.age >= 18 || !guardian) return [own];
  return [own, guardian];
}

/**
 * The signatures after "who consented" changes: a minor consenting alone (or under a court's
 * authority) signs without the guardian, so the guardian prefilled from the chart is taken off;
 * a guardian's consent or a confidentiality agreement needs the guardian, who is put back.
 * Rows the clinician typed themselves are left alone.
 */
export function signaturesFor(
  basis: ConsentBasis,
  current: SignatureValues[],
  client: ClientRecord,
  signedOn: string,
): SignatureValues[] {
  const onFile = client.guardians.map((g) => g.name);
  const isPrefilledGuardian = (s: SignatureValues) =>
    s.signerRole !== 'client' && onFile.includes(s.signerName);
  if (basis === 'minor_alone' || basis === 'court') {
    const kept = current.filter((s) => !isPrefilledGuardian(s));
    return kept.length > 0 ? kept : current;
  }
  if (basis === 'guardian' || basis === 'confidentiality_agreement') {
    if (current.some((s) => s.signerRole !== 'client' && s.signerRole !== '')) return current;
    const guardian = guardianSignature(client, signedOn);
    return guardian && current.length < 4 ? [...current, guardian] : current;
  }
  return current;
}
