// The retention rule, in one place: when a chart may be destroyed. Clinical records are kept a
// number of years after the last visit; a minor's, years after the age of majority; HIPAA
// documentation (authorizations, denials, disclosures) six years from when it was created or last
// in effect (45 CFR 164.530(j)(2)). The chart is kept until the latest of the three.
import { usDate } from '../../../preload/contract/us-date.ts';
import {
  HIPAA_DOCUMENTATION_YEARS,
  type RetentionBasis,
  type RetentionSettingsInput,
} from '../../../preload/contract/retention.ts';

/** `date` plus `years` calendar years; Feb 29 moves to Mar 1 (the later day: keep, never cut short). */
export function addYears(date: string, years: number): string {
  const [y = 0, m = 1, d = 1] = date.slice(0, 10).split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  return target.toISOString().slice(0, 10);
}

export interface RetentionFacts {
  /** The chart's registration day (counts as the last visit when no note was signed). */
  registeredOn: string;
  lastVisitOn: string | null;
  dateOfBirth: string;
  /** The latest day a piece of the chart's HIPAA documentation was created or in effect. */
  latestDocumentationOn: string | null;
}

export interface RetentionDate {
  retainUntil: string;
  basis: RetentionBasis;
}

export function retentionDate(facts: RetentionFacts, rule: RetentionSettingsInput): RetentionDate {
  const candidates: RetentionDate[] = [
    {
      retainUntil: addYears(facts.lastVisitOn ?? facts.registeredOn, rule.clinicalYears),
      basis: 'last-visit',
    },
    {
      retainUntil: addYears(addYears(facts.dateOfBirth, rule.ageOfMajority), rule.minorYearsAfterMajority),
      basis: 'majority',
    },
  ];
  if (facts.latestDocumentationOn)
    candidates.push({
      retainUntil: addYears(facts.latestDocumentationOn, HIPAA_DOCUMENTATION_YEARS),
      basis: 'hipaa-documentation',
    });
  return candidates.reduce((a, b) => (b.retainUntil > a.retainUntil ? b : a));
}

/** A chart is past retention the day after its retention date. */
export const pastRetention = (r: RetentionDate, today: string): boolean => today > r.retainUntil;

/** The rule in words, for the certificate and the answer to a deletion request. */
export function ruleInWords(rule: RetentionSettingsInput, r: RetentionDate): string {
  const clinical = `clinical records are kept ${String(rule.clinicalYears)} years after the last visit`;
  const minors = `records of a client seen as a minor are kept ${String(rule.minorYearsAfterMajority)} years after the age of majority (${String(rule.ageOfMajority)})`;
  const hipaa = `HIPAA documentation (authorizations, denials, disclosures, amendment and restriction decisions) is kept ${String(HIPAA_DOCUMENTATION_YEARS)} years (45 CFR 164.530(j)(2))`;
  const which =
    r.basis === 'last-visit'
      ? 'the years after the last visit'
      : r.basis === 'majority'
        ? 'the years after the age of majority'
        : 'the six years of HIPAA documentation';
  return `The practice's rule: ${clinical}; ${minors}; ${hipaa}. The latest of these applies; for this chart it is ${which}, through ${usDate(r.retainUntil)}.`;
}
