// The advice shown under every new-password field; main judges strength (WEAK_PASSWORD).
export const NEW_PASSWORD_HINT =
  'At least 10 characters. A few unrelated words make a strong password that is easy to remember.';

export const PASSWORDS_DO_NOT_MATCH = 'The two passwords do not match.';
