// Puts main's answer to a form where the user will see it: field issues under their fields,
// the message in the form's banner. What the user typed is never touched.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ErrorCode } from '../../preload/contract.ts';
import { isApiError } from '../api.ts';

export interface FormProblem {
  message: string;
  /** Field issues main reported for fields this form does not show. */
  details: string[];
}

export interface ServerErrorOptions<T extends FieldValues> {
  /** The form's fields; main's paths are matched against these (after `mapPath`). */
  fields: readonly Path<T>[];
  /** Turns main's path (e.g. 'owner.password') into this form's field name, or null. */
  mapPath?: (path: string) => Path<T> | null;
  /** Errors that belong to one field although main sends no path (e.g. WEAK_PASSWORD). */
  codeFields?: Partial<Record<ErrorCode, Path<T>>>;
}

export const GENERIC_PROBLEM = 'Something went wrong. Nothing was changed; please try again.';

/**
 * Applies an error from a mutation to a react-hook-form form. Returns the banner to show, or
 * null when everything was placed on a field.
 */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  options: ServerErrorOptions<T>,
): FormProblem | null {
  if (!isApiError(error)) return { message: GENERIC_PROBLEM, details: [] };
  const known = new Set<string>(options.fields);
  const details: string[] = [];
  let focused = false;
  const place = (field: Path<T>, message: string): void => {
    setError(field, { type: 'server', message }, { shouldFocus: !focused });
    focused = true;
  };
  for (const issue of error.fields) {
    const field = options.mapPath ? options.mapPath(issue.path) : (issue.path as Path<T>);
    if (field !== null && known.has(field)) place(field, issue.message);
    else details.push(issue.message);
  }
  const codeField = options.codeFields?.[error.code];
  if (codeField !== undefined && error.fields.length === 0) {
    place(codeField, error.message);
    return null;
  }
  return { message: error.message, details };
}
