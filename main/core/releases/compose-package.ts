// Composes what leaves the practice from exactly the records that leave: the document the PDF
// prints and the FHIR bundle. At export it runs in the export worker over its own read-only
// connection and first checks every approved record against the hash it had when approved (a
// changed record stops the export) and every note against its signed hash (tampering stops it).
// The preview in main composes from the records it has just planned, with the same function.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { PackageDocument, ReleaseDetails, Selection } from '../../../preload/contract/releases.ts';
import { getPractice } from '../practice/index.ts';
import { parseAuthorizationFields } from './codecs.ts';
import { buildDocument } from './document.ts';
import { buildBundle } from './fhir.ts';
import {
  candidatesOf,
  changedSince,
  integrityFailures,
  readItems,
  releaseRecords,
  type ChartRecords,
  type ItemRef,
} from './records.ts';

export interface ComposeInput {
  clientId: string;
  details: ReleaseDetails;
  selection: Selection;
  /** Exactly what leaves, with the hashes the records had when approved. */
  items: ItemRef[];
  /** The authorizations those records leave under (their stored rows). */
  authorizations: {
    id: string;
    type: 'hipaa' | 'psychotherapy_notes' | 'part2';
    fields: string;
    expires_on: string | null;
  }[];
  preparedBy: string;
  preparedOn: string;
  /** The clinician who decided on a disclosure without authorization. */
  disclosedBy: string | null;
  now: string;
}

export interface Composed {
  document: PackageDocument;
  /** The FHIR R4 bundle as JSON. */
  fhir: string;
  /** Notes that no longer match their signed hash: nothing may leave while there are any. */
  tampered: string[];
  /** Approved records missing now or changed since approval: the request goes back to review. */
  changed: ItemRef[];
}

type Practice = Awaited<ReturnType<typeof getPractice>>;

const parsedAuthorizations = (input: ComposeInput) =>
  input.authorizations.map((a) => ({ row: a, f: parseAuthorizationFields(a.type, a.fields) }));

/** The document of these records (already read and checked): what the preview shows and the PDF prints. */
export function documentFrom(practice: Practice, chart: ChartRecords, input: ComposeInput): PackageDocument {
  const records = releaseRecords(chart, input.items);
  const auths = parsedAuthorizations(input);
  return buildDocument({
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
    disclosedBy: input.disclosedBy,
  });
}

/** The FHIR R4 bundle of the same records, as JSON. */
export function bundleFrom(chart: ChartRecords, input: ComposeInput): string {
  const records = releaseRecords(chart, input.items);
  const auths = parsedAuthorizations(input);
  return JSON.stringify(
    buildBundle({
      client: records.client,
      // 164.502(b) minimum necessary: the client's own copy is whole; others get what was selected.
      patientDetail:
        input.details.kind === 'access' && !input.details.directedTo
          ? 'full'
          : records.demographics
            ? 'contact'
            : 'identity',
      intake: records.intake,
      substanceUse: records.substanceUse,
      notes: records.notes,
      screenings: records.screenings,
      consents: records.consents,
      amendments: records.amendments,
      diagnoses: records.diagnoses,
      plans: records.plans,
      authorizations: auths.map(({ row, f }) => ({
        id: row.id,
        type: row.type,
        signedOn: f.signedOn,
        expiresOn: row.expires_on,
        recipientName: f.recipientName,
        description: f.description,
      })),
      timestamp: input.now,
    }),
    null,
    2,
  );
}

export async function composePackage(db: Kysely<DB>, input: ComposeInput): Promise<Composed> {
  const chart = await readItems(db, input.clientId, input.items);
  const changed = changedSince(input.items, candidatesOf(chart));
  const tampered = integrityFailures(chart);
  if (changed.length > 0 || tampered.length > 0) {
    const empty: PackageDocument = { title: '', clientIdentifier: '', cover: [], sections: [], notices: [] };
    return { document: empty, fhir: '', tampered, changed };
  }
  const document = documentFrom(await getPractice(db), chart, input);
  return { document, fhir: bundleFrom(chart, input), tampered: [], changed: [] };
}
