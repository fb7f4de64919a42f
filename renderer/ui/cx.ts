// Joins class names, skipping the empty ones.
export const cx = (...names: (string | false | null | undefined)[]): string =>
  names.filter((n): n is string => typeof n === 'string' && n.length > 0).join(' ');
