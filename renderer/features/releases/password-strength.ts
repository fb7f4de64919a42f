// A rough strength hint for a package password (main only requires 12 characters): length and
// variety, in words. It advises; it does not decide.
export type Strength = { level: 0 | 1 | 2 | 3; label: string };

export function passwordStrength(password: string): Strength {
  if (password.length === 0) return { level: 0, label: '' };
  if (password.length < 12) return { level: 0, label: 'Too short: at least 12 characters.' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const words = password.split(/[\s\-_.]+/).filter((w) => w.length >= 3).length;
  const score =
    (password.length >= 20 ? 2 : password.length >= 15 ? 1 : 0) +
    (classes >= 3 ? 1 : 0) +
    (words >= 3 ? 1 : 0);
  if (score >= 3) return { level: 3, label: 'Strong.' };
  if (score >= 1) return { level: 2, label: 'Fair: a longer passphrase of unrelated words is stronger.' };
  return { level: 1, label: 'Weak: use four or more unrelated words, or mix in digits and symbols.' };
}
