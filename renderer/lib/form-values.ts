// Small helpers for forms whose values mirror a contract input: every field path (so main's field
// issues find their field), and a restored draft laid over today's empty form.

/** Every field path in the values ('guardians.0.phone'), so main's field issues find their field. */
export function fieldPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return prefix ? [prefix] : [];
  const own = prefix ? [prefix] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, prefix ? `${prefix}.${k}` : k))];
}

/** A restored draft over today's empty form: only keys the form knows, with the same types. */
export function mergeDraft<T>(base: T, draft: unknown): T {
  if (Array.isArray(base)) return (Array.isArray(draft) ? draft : base) as T;
  if (base === null || typeof base !== 'object') return (typeof draft === typeof base ? draft : base) as T;
  if (draft === null || typeof draft !== 'object' || Array.isArray(draft)) return base;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) out[k] = mergeDraft(v, (draft as Record<string, unknown>)[k]);
  return out as T;
}
