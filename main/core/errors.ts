// One error type for the whole app: a closed set of codes (declared in the contract), each with
// a message fit for a user.
import type { ErrorCode, ErrorPayload, FieldIssue } from '../../preload/contract/common.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  /**
   * A refusal of access, audited as denied: every FORBIDDEN, and a NOT_FOUND that answers for a
   * record which exists but may not be read (so its existence is not revealed). Never sent.
   */
  readonly refused: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldIssue[]; retryAfterSeconds?: number; refused?: boolean } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.refused = code === 'FORBIDDEN' || extra.refused === true;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.fields) payload.fields = this.fields;
    if (this.retryAfterSeconds !== undefined) payload.retryAfterSeconds = this.retryAfterSeconds;
    return payload;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
export type { ErrorCode };
