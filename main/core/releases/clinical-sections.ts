// The "Diagnoses" and "Treatment plan" parts of a release document (issue 20), and the diagnoses a
// released note addressed: codes and words, rank, status, onset and each diagnosis's history; each
// signed plan version with its problems, goals, objectives (measure, baseline, target and date),
// interventions and both signatures. Part 2 per record (42 CFR 2.12): a diagnosis or plan recorded
// in the Part 2 program prints in a section of its own that carries the Part 2 label.
import type { Diagnosis, DiagnosisVersion } from '../../../preload/contract/diagnoses.ts';
import { DIAGNOSIS_STATUS_LABELS } from '../../../preload/contract/diagnoses.ts';
import type { AddressedDiagnosis, GoalMarkRecord } from '../../../preload/contract/note-links.ts';
import {
  MEASURE_LABELS,
  type PlanObjective,
  type TargetDirection,
  type TreatmentPlan,
} from '../../../preload/contract/plans.ts';
import type { PackageDocument } from '../../../preload/contract/releases.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import { planSignedOn, type ReleaseDiagnosis } from './clinical-records.ts';

type Section = PackageDocument['sections'][number];
type Block = Section['blocks'][number];

export const DIAGNOSES_HEADING = 'Diagnoses';

const dayOf = (iso: string): string => iso.slice(0, 10);

export const diagnosisWords = (d: Pick<Diagnosis, 'code' | 'description'>): string =>
  `${d.code} ${d.description}`;

function rankWords(rank: number | null): string {
  if (rank === null) return 'Not ranked';
  return rank === 1 ? 'Primary (rank 1)' : `Secondary (rank ${String(rank)})`;
}

function versionWords(v: DiagnosisVersion): string {
  return [
    `Version ${String(v.version)}, ${usDate(dayOf(v.at))}, by ${v.by.displayName}`,
    DIAGNOSIS_STATUS_LABELS[v.status],
    rankWords(v.rank),
    v.onsetDate ? `onset ${usDate(v.onsetDate)}` : null,
    v.reason ? `why: ${v.reason}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function diagnosisBlock({ diagnosis: d, history }: ReleaseDiagnosis): Block {
  const now = d.current;
  return {
    label: diagnosisWords(d),
    text: [
      [
        DIAGNOSIS_STATUS_LABELS[now.status],
        rankWords(now.rank),
        `onset ${now.onsetDate ? usDate(now.onsetDate) : 'not recorded'}`,
        `recorded ${usDate(dayOf(d.recordedAt))} by ${d.recordedBy.displayName}`,
      ].join(' · ') + (d.inCodeSet ? '' : ' · ICD-10-CM code not in the shipped list'),
      history.length > 1
        ? `History: ${history.map(versionWords).join('; ')}.`
        : 'History: unchanged since it was recorded.',
    ].join('\n'),
  };
}

/** The list as of the approval, ranked first (the order the diagnoses room gives). */
export function diagnosisSections(diagnoses: readonly ReleaseDiagnosis[]): Section[] {
  const plain = diagnoses.filter((d) => !d.diagnosis.part2);
  const part2 = diagnoses.filter((d) => d.diagnosis.part2);
  const sections: Section[] = [];
  const subheading = 'ICD-10-CM. The list as it stood when this release was approved, each with its history.';
  if (plain.length > 0)
    sections.push({
      heading: DIAGNOSES_HEADING,
      subheading,
      part2: false,
      blocks: plain.map(diagnosisBlock),
    });
  if (part2.length > 0) {
    sections.push({
      heading: `${DIAGNOSES_HEADING} recorded in the Part 2 program`,
      subheading,
      part2: true,
      blocks: part2.map(diagnosisBlock),
    });
  }
  return sections;
}

const DIRECTION_WORDS: Record<TargetDirection, string> = {
  below: 'below',
  at_most: 'at most',
  at_least: 'at least',
  above: 'above',
};

function objectiveWords(o: PlanObjective): string {
  const measure =
    o.measure === 'other' ? (o.measureLabel ?? MEASURE_LABELS.other) : MEASURE_LABELS[o.measure];
  const target = o.target
    ? `Target: ${DIRECTION_WORDS[o.target.direction]} ${String(o.target.value)}${o.targetDate ? ` by ${usDate(o.targetDate)}` : ''}`
    : o.targetDate
      ? `Target date: ${usDate(o.targetDate)}`
      : null;
  return [
    o.text,
    `Measure: ${measure}`,
    o.baseline === null ? null : `Baseline: ${String(o.baseline)}`,
    target,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function planStatusWords(p: TreatmentPlan): string {
  return p.status === 'superseded'
    ? `superseded${p.supersededAt ? ` ${usDate(dayOf(p.supersededAt))}` : ''} by a later version`
    : 'current';
}

export function signatureWords(p: TreatmentPlan): string[] {
  const c = p.clientSignature;
  return [
    ...(p.clinicianSignature
      ? [
          `Clinician: ${p.clinicianSignature.by.displayName}, signed ${usDate(dayOf(p.clinicianSignature.at))}`,
        ]
      : []),
    ...(c
      ? [
          `${c.signer === 'client' ? 'Client' : 'Client’s representative'}: ${c.signerName}${c.authority ? ` (${c.authority})` : ''}, signed ${usDate(c.signedOn)}`,
        ]
      : []),
  ];
}

/**
 * One section per signed version. A problem's diagnoses are named when they leave in this release
 * too (a diagnosis withheld here is not named through the plan).
 */
export function planSections(
  plans: readonly TreatmentPlan[],
  released: readonly ReleaseDiagnosis[],
): Section[] {
  const byId = new Map(released.map((d) => [d.diagnosis.id, d.diagnosis]));
  return plans.map((p) => {
    const blocks: Block[] = [];
    p.content.problems.forEach((problem, i) => {
      const n = String(i + 1);
      const addresses = problem.diagnosisIds.flatMap((id) => {
        const d = byId.get(id);
        return d ? [diagnosisWords(d)] : [];
      });
      blocks.push({
        label: `Problem ${n}`,
        text: [problem.text, ...(addresses.length > 0 ? [`Addresses: ${addresses.join('; ')}`] : [])].join(
          '\n',
        ),
      });
      problem.goals.forEach((goal, j) => {
        const g = `${n}.${String(j + 1)}`;
        blocks.push({
          label: `Goal ${g}`,
          text: [
            goal.text,
            ...goal.objectives.map((o, k) => `Objective ${g}.${String(k + 1)}: ${objectiveWords(o)}`),
          ].join('\n'),
        });
      });
    });
    if (p.content.interventions.length > 0) {
      const problemNo = new Map(p.content.problems.map((x, i) => [x.id, String(i + 1)]));
      blocks.push({
        label: 'Interventions',
        text: p.content.interventions
          .map((v) => {
            const nos = v.problemIds.flatMap((id) => problemNo.get(id) ?? []);
            return `${v.modality}, ${v.frequency}: ${v.text}${nos.length > 0 ? ` (problem${nos.length === 1 ? '' : 's'} ${nos.join(', ')})` : ''}`;
          })
          .join('\n'),
      });
    }
    blocks.push({ label: 'Signatures', text: signatureWords(p).join('\n') });
    return {
      heading: `Treatment plan, version ${String(p.version)}`,
      subheading: `In force from ${usDate(planSignedOn(p))}, ${planStatusWords(p)} · Review due ${usDate(p.reviewDueOn)}${p.contentHash ? ` · SHA-256 ${p.contentHash.slice(0, 16)}` : ''}`,
      part2: p.part2,
      blocks,
    };
  });
}

/**
 * The diagnoses a released note addressed, as the note stored them. A Part 2 diagnosis is named
 * only when it leaves in this release itself (42 CFR 2.12, 2.31): the one rule, for the PDF and
 * the FHIR bundle.
 */
export function addressedInRelease(
  addressed: readonly AddressedDiagnosis[] | null,
  released: ReadonlySet<string>,
): AddressedDiagnosis[] {
  return (addressed ?? []).filter((d) => !d.part2 || released.has(d.diagnosisId));
}

/**
 * A released note's marks on plan goals, as the note stored them. A mark on a Part 2 plan is named
 * only when that plan version leaves in this release itself (42 CFR 2.12, 2.31), as diagnoses are.
 */
export function marksInRelease(
  marks: readonly GoalMarkRecord[] | null,
  released: ReadonlySet<string>,
): GoalMarkRecord[] {
  return (marks ?? []).filter((m) => !m.part2 || released.has(m.planId));
}

export const addressedWords = (list: readonly AddressedDiagnosis[]): string =>
  list.map((d) => `${d.code} ${d.description}${d.rank === 1 ? ' (primary)' : ''}`).join('; ');
