// The renderer's only way to main: a typed wrapper over window.stillwater (the preload bridge, or
// the test harness's stand-in). Failures become ApiError values carrying main's code and fields.
import type {
  Channel,
  ErrorCode,
  ErrorPayload,
  EventName,
  EventPayload,
  FieldIssue,
  Input,
  Output,
  StillwaterApi,
} from '../preload/contract.ts';

declare global {
  interface Window {
    readonly stillwater?: StillwaterApi;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.fields = payload.fields ?? [];
    this.retryAfterSeconds = payload.retryAfterSeconds;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

const unreachable = (): ApiError =>
  new ApiError({
    code: 'INTERNAL',
    message: 'Stillwater could not reach its secure core. Close the app and open it again.',
  });

function bridge(): StillwaterApi {
  const api = window.stillwater;
  if (!api) throw unreachable();
  return api;
}

/** Calls a channel and returns its value, or throws an ApiError with main's code and message. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  let result;
  try {
    result = await bridge().call(channel, input);
  } catch (error) {
    if (isApiError(error)) throw error;
    throw unreachable();
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Subscribes to an event from main; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const api = window.stillwater;
  if (!api) return () => undefined;
  return api.on(event, listener);
}
