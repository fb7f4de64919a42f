// The intake form's values (what the clinician types; '' until a choice is made) and how they
// become the contract's IntakeInput, which validates them with main's own messages.
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { z } from 'zod';
import {
  IntakeInput,
  type IntakeRecord,
  type RiskLevel,
  type SuicidalIdeation,
} from '../../../preload/contract.ts';

export interface IntakeValues {
  presentingConcern: string;
  psychiatricHistory: string;
  medicalHistory: string;
  medications: string;
  pcpName: string;
  pcpPhone: string;
  substanceUse: string;
  substanceUsePart2: boolean;
  risk: {
    suicidalIdeation: z.infer<typeof SuicidalIdeation> | '';
    suicidePlan: boolean;
    suicideIntent: boolean;
    accessToMeans: boolean;
    selfHarmHistory: boolean;
    homicidalIdeation: boolean;
    protectiveFactors: string;
    level: z.infer<typeof RiskLevel> | '';
    safetyPlan: string;
  };
}

export const EMPTY_INTAKE: IntakeValues = {
  presentingConcern: '',
  psychiatricHistory: '',
  medicalHistory: '',
  medications: '',
  pcpName: '',
  pcpPhone: '',
  substanceUse: '',
  substanceUsePart2: false,
  risk: {
    suicidalIdeation: '',
    suicidePlan: false,
    suicideIntent: false,
    accessToMeans: false,
    selfHarmHistory: false,
    homicidalIdeation: false,
    protectiveFactors: '',
    level: '',
    safetyPlan: '',
  },
};

export function valuesFromIntake(i: IntakeRecord | null): IntakeValues {
  if (!i) return EMPTY_INTAKE;
  return {
    presentingConcern: i.presentingConcern ?? '',
    psychiatricHistory: i.psychiatricHistory ?? '',
    medicalHistory: i.medicalHistory ?? '',
    medications: i.medications ?? '',
    pcpName: i.pcpName ?? '',
    pcpPhone: i.pcpPhone ?? '',
    substanceUse: i.substanceUse ?? '',
    substanceUsePart2: i.substanceUsePart2,
    risk: {
      ...i.risk,
      protectiveFactors: i.risk.protectiveFactors ?? '',
      safetyPlan: i.risk.safetyPlan ?? '',
    },
  };
}

export type IntakeParsed = z.output<typeof IntakeInput>;

export function intakeResolver(clientId: string): Resolver<IntakeValues, unknown, IntakeParsed> {
  const base = zodResolver(
    z
      .custom<IntakeValues>()
      .transform((v): unknown => ({
        clientId,
        ...v,
        risk: {
          ...v.risk,
          suicidalIdeation: v.risk.suicidalIdeation || undefined,
          level: v.risk.level || undefined,
          // A safety plan typed for a risk later judged low is kept: it is still the clinician's note.
        },
      }))
      .pipe(IntakeInput),
  );
  // The contract's enums have no wording for "nothing chosen yet"; the form says it plainly.
  return async (values, context, options) => {
    const result = await base(values, context, options);
    const errors: FieldErrors<IntakeValues> = { ...result.errors };
    if (!values.risk.suicidalIdeation || !values.risk.level) {
      const risk = { ...(errors.risk ?? {}) };
      if (!values.risk.suicidalIdeation)
        risk.suicidalIdeation = { type: 'required', message: 'Choose none, passive or active.' };
      if (!values.risk.level) risk.level = { type: 'required', message: 'Choose the risk level.' };
      errors.risk = risk;
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : result;
  };
}
