// PHQ-9 and GAD-7: items, scoring and severity bands. Pure, shared: main scores what it stores,
// the renderer shows the same total and band live as the clinician fills the form.
import { z } from 'zod';

export const Instrument = z.enum(['phq9', 'gad7']);
export type Instrument = z.infer<typeof Instrument>;

export const PHQ9_ITEMS = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  'Trouble concentrating on things, such as reading the newspaper or watching television',
  'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  'Thoughts that you would be better off dead or of hurting yourself in some way',
] as const;

export const GAD7_ITEMS = [
  'Feeling nervous, anxious, or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid as if something awful might happen',
] as const;

export const ANSWER_LABELS = [
  'Not at all',
  'Several days',
  'More than half the days',
  'Nearly every day',
] as const;
export const DIFFICULTY_LABELS = [
  'Not difficult at all',
  'Somewhat difficult',
  'Very difficult',
  'Extremely difficult',
] as const;

export const INSTRUMENTS = {
  phq9: { name: 'PHQ-9', title: 'Patient Health Questionnaire (PHQ-9)', items: PHQ9_ITEMS, max: 27 },
  gad7: { name: 'GAD-7', title: 'Generalized Anxiety Disorder scale (GAD-7)', items: GAD7_ITEMS, max: 21 },
} as const;

export const Severity = z.enum(['minimal', 'mild', 'moderate', 'moderately_severe', 'severe']);
export type Severity = z.infer<typeof Severity>;

export const SEVERITY_LABELS: Record<Severity, string> = {
  minimal: 'Minimal',
  mild: 'Mild',
  moderate: 'Moderate',
  moderately_severe: 'Moderately severe',
  severe: 'Severe',
};

// Kroenke, Spitzer & Williams 2001 (PHQ-9): 0–4, 5–9, 10–14, 15–19, 20–27.
export function phq9Severity(total: number): Severity {
  if (total <= 4) return 'minimal';
  if (total <= 9) return 'mild';
  if (total <= 14) return 'moderate';
  if (total <= 19) return 'moderately_severe';
  return 'severe';
}

// Spitzer et al. 2006 (GAD-7): 0–4, 5–9, 10–14, 15–21.
export function gad7Severity(total: number): Severity {
  if (total <= 4) return 'minimal';
  if (total <= 9) return 'mild';
  if (total <= 14) return 'moderate';
  return 'severe';
}

export interface Score {
  total: number;
  severity: Severity;
  /** PHQ-9 item 9 (thoughts of death or self-harm) answered above "Not at all": needs follow-up. */
  item9Positive: boolean;
}

export function score(instrument: Instrument, items: readonly number[]): Score {
  const total = items.reduce((a, b) => a + b, 0);
  if (instrument === 'phq9')
    return { total, severity: phq9Severity(total), item9Positive: (items[8] ?? 0) > 0 };
  return { total, severity: gad7Severity(total), item9Positive: false };
}
