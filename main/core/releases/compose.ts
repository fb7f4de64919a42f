// Composes what leaves the practice from the approved selection: the records (read and checked
// against their signed hashes), the document the PDF prints and the FHIR bundle. The same function
// serves the clinician's preview (in main) and the export (in the export worker, over its own
// read-only connection), so what was previewed and approved is what is written.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type {
  AuthorizationInput,
  PackageDocument,
  ReleaseDetails,
  Selection,
} from '../../../preload/contract/releases.ts';
import { getPractice } from '../practice/queries.ts';
import { buildDocument, selectRecords } from './document.ts';
import { buildBundle } from './fhir.ts';

type AuthFields = Omit<z.output<typeof AuthorizationInput>, 'requestId' | 'type' | 'attachment'>;

export interface ComposeInput {
  clientId: string;
  details: ReleaseDetails;
  selection: Selection;
  /** The authorizations valid today (their stored rows). */
  authorizations: {
    id: string;
    type: 'hipaa' | 'psychotherapy_notes' | 'part2';
    fields: string;
    expires_on: string | null;
  }[];
  preparedBy: string;
  preparedOn: string;
  now: string;
}

export interface Composed {
  document: PackageDocument;
  /** The FHIR R4 bundle as JSON. */
  fhir: string;
  /** Notes that no longer match their signed hash: nothing may leave while there are any. */
  tampered: string[];
}

export async function composePackage(db: Kysely<DB>, input: ComposeInput): Promise<Composed> {
  const practice = await getPractice(db);
  const records = await selectRecords(db, input.clientId, input.selection);
  const auths = input.authorizations.map((a) => ({ row: a, f: JSON.parse(a.fields) as AuthFields }));
  const document = buildDocument({
    practice: {
      name: practice?.name ?? 'Practice',
      address: practice
        ? `${practice.address_line1}, ${practice.city}, ${practice.region} ${practice.postal_code}`
        : '',
      privacyContact: practice?.privacy_contact ?? null,
    },
    details: input.details,
    authorizations: auths.map(({ row, f }) => ({
      type: row.type,
      signedBy: f.signerIsRepresentative
        ? `${f.signedBy} (${f.representativeAuthority ?? 'representative'})`
        : f.signedBy,
      signedOn: f.signedOn,
      expires: f.expiresOn ? `expires ${f.expiresOn}` : `expires on: ${f.expiryEvent ?? ''}`,
      description: f.description,
    })),
    selection: input.selection,
    records,
    preparedBy: input.preparedBy,
    preparedOn: input.preparedOn,
  });
  const fhir = JSON.stringify(
    buildBundle(
      records,
      auths.map(({ row, f }) => ({
        id: row.id,
        type: row.type,
        signedOn: f.signedOn,
        expiresOn: row.expires_on,
        revoked: false,
        recipientName: f.recipientName,
        description: f.description,
      })),
      input.now,
    ),
    null,
    2,
  );
  return { document, fhir, tampered: records.tampered };
}
