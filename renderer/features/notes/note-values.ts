// The note editor's values (what the clinician types; '' until a choice is made), how they become
// the contract's NoteDraftInput, and what signing still needs (the contract's own signingIssues).
// A note in a practice template carries its version: its sections, required marks and help.
import {
  MODALITY_LABELS,
  NoteDraftInput,
  noteLayout,
  SERVICE_CODES,
  signingIssues,
  linkIssues,
  type FieldIssue,
  type GoalProgress,
  type Input,
  type NoteLinkOptions,
  type NoteKind,
  type NoteRecord,
  type NoteTemplateVersion,
  type Template,
} from '../../../preload/contract.ts';
import type { RiskLevel } from './note-format.tsx';

export type ServiceCode = keyof typeof SERVICE_CODES;
export type Modality = keyof typeof MODALITY_LABELS;

export interface NoteValues {
  kind: NoteKind;
  template: Template;
  /** The practice template version of a 'custom' note (the one it was started in); null otherwise. */
  templateVersion: NoteTemplateVersion | null;
  serviceDate: string;
  startTime: string;
  endTime: string;
  serviceCode: ServiceCode | '';
  modality: Modality | '';
  location: string;
  participants: string;
  riskLevel: RiskLevel | '';
  riskPlan: string;
  sections: Record<string, string>;
  part2: boolean;
  /** Progress notes: the diagnoses ticked (null: not chosen yet, the editor ticks the primary). */
  addressedDiagnosisIds: string[] | null;
  /** Progress notes: the goals and objectives of the signed plan marked, with a progress each. */
  goalMarks: GoalMarkValue[];
}

export interface GoalMarkValue {
  goalId: string;
  objectiveId: string | null;
  progress: GoalProgress;
  comment: string;
}

export type DraftInput = Input<'notes.saveDraft'>;

/** A template to write in: a built-in one, or a practice template's version. */
export type TemplateChoice = Pick<NoteValues, 'template' | 'templateVersion'>;

const sectionsFor = (to: TemplateChoice, from: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(noteLayout(to).sections.map((s) => [s.key, from[s.key] ?? '']));

export function emptyNote(kind: NoteKind, today: string): NoteValues {
  const template: Template = kind === 'progress' ? 'soap' : 'free';
  return {
    kind,
    template,
    templateVersion: null,
    serviceDate: today,
    startTime: '',
    endTime: '',
    serviceCode: '',
    modality: '',
    location: '',
    participants: '',
    riskLevel: '',
    riskPlan: '',
    sections: sectionsFor({ template, templateVersion: null }),
    part2: false,
    addressedDiagnosisIds: null,
    goalMarks: [],
  };
}

const oneOf = <T extends string>(value: string | null, allowed: Record<T, unknown>): T | '' =>
  value !== null && value in allowed ? (value as T) : '';

const RISKS: Record<RiskLevel, true> = { none: true, low: true, moderate: true, high: true };

export function valuesFromRecord(n: NoteRecord): NoteValues {
  return {
    kind: n.kind,
    template: n.template,
    templateVersion: n.templateVersion,
    serviceDate: n.serviceDate,
    startTime: n.startTime ?? '',
    endTime: n.endTime ?? '',
    serviceCode: oneOf(n.serviceCode, SERVICE_CODES),
    modality: oneOf(n.modality, MODALITY_LABELS),
    location: n.location ?? '',
    participants: n.participants ?? '',
    riskLevel: oneOf(n.riskLevel, RISKS),
    riskPlan: n.riskPlan ?? '',
    sections: sectionsFor(n, n.sections),
    part2: n.part2,
    addressedDiagnosisIds: n.addressedDiagnoses?.map((d) => d.diagnosisId) ?? null,
    goalMarks: (n.goalProgress ?? []).map((m) => ({
      goalId: m.goalId,
      objectiveId: m.objectiveId,
      progress: m.progress,
      comment: m.comment ?? '',
    })),
  };
}

/** The sections the new template keeps (carried over by key) and those it would drop. */
export function switchTemplate(
  sections: Record<string, string>,
  to: TemplateChoice,
): { sections: Record<string, string>; dropped: string[] } {
  const kept = new Set(noteLayout(to).sections.map((s) => s.key));
  const dropped = Object.entries(sections)
    .filter(([key, text]) => !kept.has(key) && text.trim() !== '')
    .map(([key]) => key);
  return { sections: sectionsFor(to, sections), dropped };
}

/**
 * What is sent to main. A psychotherapy note carries no billing or session fields: they stay in
 * the form (switching back to a progress note brings them back) but are not saved with it.
 */
export function toDraftInput(v: NoteValues, clientId: string, noteId: string | null): DraftInput {
  const progress = v.kind === 'progress';
  return {
    ...(noteId ? { noteId } : {}),
    clientId,
    kind: v.kind,
    template: v.template,
    ...(v.template === 'custom' && v.templateVersion ? { templateVersionId: v.templateVersion.id } : {}),
    serviceDate: v.serviceDate,
    startTime: progress ? v.startTime : '',
    endTime: progress ? v.endTime : '',
    serviceCode: progress ? v.serviceCode : '',
    modality: progress ? v.modality : '',
    location: progress ? v.location : '',
    participants: progress ? v.participants : '',
    riskLevel: progress ? v.riskLevel : '',
    riskPlan: progress ? v.riskPlan : '',
    sections: sectionsFor(v, v.sections),
    part2: v.part2,
    // What a progress note addressed; a psychotherapy note carries neither (main keeps none).
    ...(progress && v.addressedDiagnosisIds !== null
      ? { addressedDiagnosisIds: v.addressedDiagnosisIds }
      : {}),
    ...(progress ? { goalMarks: v.goalMarks } : {}),
  };
}

/** The draft as main would store it, or the field issues main would answer with. */
export function checkDraft(input: DraftInput): FieldIssue[] {
  const parsed = NoteDraftInput.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * What main will still refuse to sign, from the contract's own lists: signingIssues, and
 * linkIssues against the client's current diagnoses and signed plan (`links`, once loaded).
 */
export function signingIssuesOf(
  v: NoteValues,
  clientId: string,
  today: string,
  links?: NoteLinkOptions,
): FieldIssue[] {
  const parsed = NoteDraftInput.safeParse(toDraftInput(v, clientId, null));
  if (!parsed.success) return checkDraft(toDraftInput(v, clientId, null));
  const linked = links
    ? linkIssues(
        {
          kind: v.kind,
          part2: v.part2,
          addressedDiagnosisIds: v.addressedDiagnosisIds ?? [],
          goalMarks: v.goalMarks,
        },
        { diagnoses: links.diagnoses, plan: links.plan },
      )
    : [];
  return [...signingIssues({ ...parsed.data, templateVersion: v.templateVersion }, today), ...linked];
}
