// The amendment material of a release in its FHIR bundle (45 CFR 164.526(c)(3), (d)(4)-(5)), linked
// to the records it concerns. Each part is a DocumentReference, the resource R4 gives a document
// about a patient, with its own type (a Stillwater code, so that a receiving system can tell them
// apart without reading the text): the client's request, the accepted amendment or the denial, the
// client's statement of disagreement (authored by the Patient) and the practice's rebuttal. Links:
// `context.related` names every record the part concerns, whatever its resource (the Patient for
// identification, Observation panels, Consents, the notes' and the intake's documents); `relatesTo`
// with `appends` ties an accepted amendment to each document it amends (R4 allows only a
// DocumentReference there), the statement to the denial and the rebuttal to the statement.
// Provenance (which records what changed a resource) and Communication (a message sent) were
// considered: neither carries the text a recipient must read as part of the record, as these do.
import type { DocumentReference, Patient, Reference, Resource } from '@medplum/fhirtypes';
import { derivedUuid, labelled, PART2, ref, textContent } from './fhir-support.ts';
import type { ReleaseAmendment } from './amendments.ts';

export const AMENDMENT_DOCUMENT_TYPES = 'urn:stillwater:amendment-document';

const TYPES = {
  request: 'Request to amend a record (45 CFR 164.526(b))',
  amendment: 'Amendment accepted (45 CFR 164.526(c))',
  denial: 'Denial of a request to amend (45 CFR 164.526(d))',
  statement: 'Statement of disagreement by the client (45 CFR 164.526(d)(1)(iii))',
  rebuttal: 'Rebuttal to the statement of disagreement (45 CFR 164.526(d)(3))',
} as const;
type Part = keyof typeof TYPES;

/** The resource each kind of released record became in the bundle (fhir.ts gives them these ids). */
function recordResource(r: ReleaseAmendment['about'][number], clientId: string): string {
  switch (r.kind) {
    case 'demographics':
      return clientId;
    case 'intake':
      return derivedUuid(`intake:${clientId}`);
    case 'substance_use':
      return derivedUuid(`substance-use:${clientId}`);
    case 'addendum':
      // An addendum is printed inside its note's document.
      return r.noteId ?? r.id;
    case 'consent':
    case 'screening':
    case 'note':
    case 'diagnosis':
    case 'treatment_plan':
      return r.id;
  }
}

/** Records whose resource is a DocumentReference (an accepted amendment `appends` to those). */
const isDocument = (r: ReleaseAmendment['about'][number]): boolean =>
  r.kind === 'intake' || r.kind === 'substance_use' || r.kind === 'note' || r.kind === 'addendum';

export function amendmentResources(
  amendments: readonly ReleaseAmendment[],
  patientRef: Reference<Patient>,
  clientId: string,
): Resource[] {
  return amendments.flatMap((a) => {
    const id = (part: Part) => derivedUuid(`amendment:${a.requestId}:${part}`);
    const records = [...new Set(a.about.map((r) => recordResource(r, clientId)))];
    const documents = [...new Set(a.about.filter(isDocument).map((r) => recordResource(r, clientId)))];
    const security = labelled(a.about.some((r) => r.part2) && PART2);
    const about = `About: ${a.about.map((r) => r.label).join('; ')}`;
    const part = (
      kind: Part,
      text: string,
      on: string,
      extra: Pick<DocumentReference, 'author' | 'relatesTo'>,
      related: string[],
    ): DocumentReference => ({
      resourceType: 'DocumentReference',
      id: id(kind),
      ...security,
      status: 'current',
      docStatus: 'final',
      type: {
        coding: [{ system: AMENDMENT_DOCUMENT_TYPES, code: kind, display: TYPES[kind] }],
        text: TYPES[kind],
      },
      subject: patientRef,
      ...extra,
      description: `${TYPES[kind]}. ${about}`,
      content: textContent(TYPES[kind], text),
      context: { period: { start: on }, related: [...related, ...records].map((r) => ref(r)) },
    });
    const accepted = a.outcome === 'accepted';
    const decision = accepted ? id('amendment') : id('denial');
    const out: DocumentReference[] = [
      part('request', a.requestText, a.receivedOn, { author: [patientRef] }, []),
      accepted
        ? part(
            'amendment',
            a.amendmentText ?? '',
            a.decidedOn,
            {
              author: [{ display: a.decidedBy }],
              relatesTo: documents.map((d) => ({ code: 'appends' as const, target: ref(d) })),
            },
            [id('request')],
          )
        : part(
            'denial',
            [a.denialBasis ?? '', ...(a.statement ? [] : [NO_STATEMENT])].filter(Boolean).join('\n\n'),
            a.decidedOn,
            { author: [{ display: a.decidedBy }] },
            [id('request')],
          ),
    ];
    if (a.statement) {
      out.push(
        part(
          'statement',
          a.statement.text,
          a.statement.filedOn,
          { author: [patientRef], relatesTo: [{ code: 'appends', target: ref(decision) }] },
          [id('request'), decision],
        ),
      );
    }
    if (a.rebuttal) {
      out.push(
        part(
          'rebuttal',
          a.rebuttal.text,
          a.rebuttal.writtenOn,
          { relatesTo: [{ code: 'appends', target: ref(a.statement ? id('statement') : decision) }] },
          [id('request'), decision, ...(a.statement ? [id('statement')] : [])],
        ),
      );
    }
    return out;
  });
}

const NO_STATEMENT =
  'No statement of disagreement was filed. The client asked that the request and the denial go with every later disclosure of these records (45 CFR 164.526(d)(5)(ii)).';
