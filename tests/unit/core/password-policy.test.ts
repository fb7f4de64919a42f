import { describe, expect, it } from 'vitest';
import { judgePassword } from '../../../main/core/password-policy.ts';

describe('password strength', () => {
  it.each(['password123', 'Password1!', 'qwertyuiop', 'iloveyou2024', '1234567890', 'sunshine1234'])(
    'refuses the common password %s',
    (pw) => {
      expect(judgePassword(pw).ok).toBe(false);
    },
  );

  it('refuses short passwords with a clear message', () => {
    const v = judgePassword('Xk#9a!');
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/at least 10 characters/);
  });

  it('refuses a password built from the person’s own name and username', () => {
    expect(judgePassword('imogentestwell', ['itestwell', 'Imogen Testwell']).ok).toBe(false);
  });

  it('accepts a few unrelated words', () => {
    expect(judgePassword('marble-kettle-orchard-77').ok).toBe(true);
    expect(judgePassword('violet canyon sparrow ledger').ok).toBe(true);
  });
});
