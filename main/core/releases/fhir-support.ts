// The small pieces every part of the release's FHIR bundle is made with: code systems, the HL7
// security labels, stable ids, references, text attachments and narratives, R4 date forms, and the
// pruning that keeps nulls and empty values out (FHIR JSON forbids them).
import { createHash } from 'node:crypto';
import type { CodeableConcept, Coding, Reference, Resource } from '@medplum/fhirtypes';

export const LOINC = 'http://loinc.org';
export const CPT = 'http://www.ama-assn.org/go/cpt';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
export const CONSENT_POLICY = 'http://terminology.hl7.org/CodeSystem/consentpolicycodes';
// 42 CFR 2.12: records of a Part 2 program carry HL7's ActPrivacyLaw label for them.
export const PART2: Coding = { system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' };
// 45 CFR 164.501, 164.508(a)(2): psychotherapy notes, HL7's ActInformationSensitivityPolicy label.
export const PSYTHPN: Coding = {
  system: ACT_CODE,
  code: 'PSYTHPN',
  display: 'psychotherapy note information sensitivity',
};
/** A stable UUID for a resource that has no row of its own (an encounter, the intake document). */
export function derivedUuid(name: string): string {
  const h = createHash('sha256').update(`stillwater:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** FHIR forbids null, empty strings, empty arrays and empty objects: drop them, deeply. */
export function pruned<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(walk).filter((x) => x !== undefined);
      return items.length > 0 ? items : undefined;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v)
        .map(([k, x]) => [k, walk(x)] as const)
        .filter(([, x]) => x !== undefined);
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    return v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;
  };
  return walk(value) as T;
}

/** A local date and time at the practice (this computer's zone) as a FHIR dateTime with its offset. */
export function localDateTime(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const offset = -new Date(y, m - 1, d, h, min).getTimezoneOffset();
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time.slice(0, 5)}:00${offset >= 0 ? '+' : '-'}${hh}:${mm}`;
}

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
/** An R4 instant (DocumentReference.date, Bundle.timestamp): full ISO in UTC. */
export const instant = (iso: string): string => new Date(iso).toISOString();
export const ref = <T extends Resource>(id: string): Reference<T> => ({ reference: `urn:uuid:${id}` });
export const labelled = (...labels: (Coding | false)[]) => {
  const security = labels.filter((l) => l !== false);
  return security.length > 0 ? { meta: { security } } : {};
};
export const textContent = (title: string, text: string) => [
  { attachment: { contentType: 'text/plain; charset=utf-8', data: b64(text), title } },
];
export const narrative = (text: string) => ({
  status: 'generated' as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(text)}</div>`,
});
export const loinc = (code: string, display?: string): CodeableConcept => ({
  coding: [{ system: LOINC, code, display }],
});

export function escapeXml(text: string): string {
  const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
  return text.replace(/[<>&"]/g, (ch) => entities[ch] ?? ch);
}
