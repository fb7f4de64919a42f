// One call to main behind a form or a dialog's button: TanStack Query's mutation over api.ts's
// call(), one call at a time (a second submit while it runs does nothing), and main's refusal
// kept as the problem to show (main's message, never a stack; field issues on their fields).
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { applyServerError, type FormProblem, type ServerErrorOptions } from './form-errors.ts';

export interface FormMutationOptions<TVariables, TResult, TForm extends FieldValues> {
  /** The call to main, through api.ts (`(input) => call('staff.changeRole', input)`). */
  mutationFn: (variables: TVariables) => Promise<TResult>;
  onSuccess?: (result: TResult, variables: TVariables) => void;
  /** The form whose fields take main's field issues; without it every issue is in the problem. */
  form?: ServerErrorOptions<TForm> & { setError: UseFormSetError<TForm> };
}

export interface FormMutation<TVariables, TResult> {
  /** Sends the call, unless one is already under way; the last problem is cleared first. */
  submit: (variables: TVariables) => void;
  pending: boolean;
  /** What main said when it refused (or a generic line for anything else), until the next submit. */
  problem: FormProblem | null;
  /** The last call's result. */
  data: TResult | undefined;
  /** Forgets the result and the problem. */
  reset: () => void;
}

export function useFormMutation<
  TVariables = void,
  TResult = unknown,
  TForm extends FieldValues = FieldValues,
>({
  mutationFn,
  onSuccess,
  form,
}: FormMutationOptions<TVariables, TResult, TForm>): FormMutation<TVariables, TResult> {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // Set at once, unlike isPending, which a second click in the same moment would not yet see.
  const inFlight = useRef(false);
  const mutation = useMutation({
    mutationFn,
    onSuccess,
    onError: (error) => {
      setProblem(
        form
          ? applyServerError(error, form.setError, form)
          : applyServerError(error, () => undefined, { fields: [] }),
      );
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  return {
    submit: (variables) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setProblem(null);
      mutation.mutate(variables);
    },
    pending: mutation.isPending,
    problem,
    data: mutation.data,
    reset: () => {
      setProblem(null);
      mutation.reset();
    },
  };
}
