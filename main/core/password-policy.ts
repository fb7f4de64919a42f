// Password strength, judged by zxcvbn-ts (a maintained estimator with common-password and
// dictionary lists), not by a hand-written rule list. NIST SP 800-63B: length over composition.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from './errors.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
const estimator = (): ZxcvbnFactory =>
  (factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    useLevenshteinDistance: true,
  }));

export interface StrengthVerdict {
  ok: boolean;
  score: number;
  message: string;
}

export function judgePassword(password: string, userInputs: string[] = []): StrengthVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      ok: false,
      score: 0,
      message: `Use at least ${String(MIN_PASSWORD_LENGTH)} characters. A few unrelated words make a strong, memorable password.`,
    };
  }
  const inputs = [...userInputs, 'stillwater', 'therapy', 'counseling', 'practice'];
  const result = estimator().check(password.slice(0, 256), inputs);
  if (result.score >= MIN_SCORE) return { ok: true, score: result.score, message: 'Strong enough.' };
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? '';
  return {
    ok: false,
    score: result.score,
    message: `This password is too easy to guess.${hint ? ` ${hint}` : ''} Add another uncommon word or two.`,
  };
}

export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const verdict = judgePassword(password, userInputs);
  if (!verdict.ok) throw new AppError('WEAK_PASSWORD', verdict.message);
}
