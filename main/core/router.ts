// The IPC router: the one place every call from the renderer passes through. In order, it checks
// the sender's origin, that the channel exists, the session, the password-change gate, the role,
// and the input (strictly); then calls the handler and validates what goes back.
import { z } from 'zod';
import {
  contract,
  type Channel,
  type LockReason,
  type Output,
  type ParsedInput,
} from '../../preload/contract.ts';
import { Id, type FieldIssue, type Result } from '../../preload/contract/common.ts';
import { AppError, isAppError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Session, SessionManager } from './sessions/index.ts';
import { UnreadableRecord, type StoredRecord } from './stored-json.ts';

export interface CallContext {
  /** Which window (webContents) is calling; sessions are per window. */
  readonly windowId: string;
  /** The origin of the frame that sent the call, as Electron (or the harness) reports it. */
  readonly origin: string;
}

export interface HandlerCall {
  readonly session: Session | null;
  readonly ctx: CallContext;
}

export interface SignedInCall extends HandlerCall {
  readonly session: Session;
}

export type Handler<C extends Channel> = (input: ParsedInput<C>, call: SignedInCall) => Promise<Output<C>>;
export type PublicHandler<C extends Channel> = (
  input: ParsedInput<C>,
  call: HandlerCall,
) => Promise<Output<C>>;

type IsPublic<C extends Channel> = (typeof contract)[C]['access'] extends 'public' ? true : false;
export type Handlers = { [C in Channel]: IsPublic<C> extends true ? PublicHandler<C> : Handler<C> };

export interface RouterOptions {
  handlers: Handlers;
  sessions: SessionManager;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Whether a window is in the moment between "lock" and the end of its session. */
  isLocking?: (windowId: string) => boolean;
  /**
   * Records a refusal (FORBIDDEN, or a NOT_FOUND hiding a record that exists) answered to a
   * signed-in session, by the role list or by a service's record-level rule. Awaited before the answer, so the log is written when the caller
   * hears "no"; if it fails, the answer stays the same (the failure is logged, without content).
   */
  onDenied?: (denial: Denial) => Promise<void>;
  /**
   * Records a call refused because a stored row did not parse (DATABASE_DAMAGED), after the call's
   * work is undone; if it fails, the answer stays the same (the failure is logged, without content).
   */
  onUnreadable?: (u: { session: Session | null; channel: string; record: StoredRecord }) => Promise<void>;
}

/** A refused call as the audit log keeps it: who, which channel, what it named. Never the input. */
export interface Denial {
  readonly session: Session;
  readonly channel: Channel;
  /** 'role': the contract's role list refused it; 'record': a rule about this record did. */
  readonly by: 'role' | 'record';
  readonly target: { readonly type: string; readonly id: string } | null;
}

export interface Router {
  handle(ctx: CallContext, channel: unknown, input: unknown): Promise<Result<unknown>>;
}

const MAX_ISSUES = 20;
const LOCKS = new Set<LockReason>(['inactivity', 'manual', 'screen-locked', 'suspend']);

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((i) => ({
    path: i.path.map(String).join('.').slice(0, 200),
    // zod's messages never echo the value; custom ones are written for the user.
    message: i.message.slice(0, 300),
  }));
}

const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

/** The input fields that name a record, in the order that says best what a call was about. */
const TARGET_FIELDS = [
  ['clientId', 'client'],
  ['noteId', 'note'],
  ['requestId', 'release'],
  ['authorizationId', 'authorization'],
  ['superviseeId', 'user'],
  ['userId', 'user'],
] as const;

/** The record a refused call named, when the input names one by a well-formed id (else none). */
export function deniedTarget(rawInput: unknown): Denial['target'] {
  if (typeof rawInput !== 'object' || rawInput === null) return null;
  for (const [field, type] of TARGET_FIELDS) {
    if (!Object.prototype.hasOwnProperty.call(rawInput, field)) continue;
    const id = Id.safeParse((rawInput as Record<string, unknown>)[field]);
    if (id.success) return { type, id: id.data };
  }
  return null;
}

export function createRouter(options: RouterOptions): Router {
  const { handlers, sessions, allowedOrigins, logger } = options;

  async function dispatch(ctx: CallContext, name: unknown, rawInput: unknown): Promise<unknown> {
    if (!allowedOrigins.includes(ctx.origin)) {
      throw new AppError('BAD_ORIGIN', 'This request did not come from Stillwater.');
    }
    if (!isChannel(name)) throw new AppError('UNKNOWN_CHANNEL', 'Stillwater does not know that request.');
    const def = contract[name];
    const session = sessions.get(ctx.windowId);
    if (def.access !== 'public') {
      if (!session) {
        const ended = sessions.lastEndReason(ctx.windowId);
        if (ended && LOCKS.has(ended))
          throw new AppError('LOCKED', 'Stillwater is locked. Sign in to continue.');
        throw new AppError('NOT_SIGNED_IN', 'Your session has ended. Sign in to continue.');
      }
      if (options.isLocking?.(ctx.windowId) && !def.duringLock) {
        throw new AppError('LOCKED', 'Stillwater is locking. Sign in again to continue.');
      }
      // After the password, before the second-factor code: only the code step itself (second-factor/).
      if (session.secondFactor === 'needed' && !def.duringSecondFactor) {
        throw new AppError(
          'SECOND_FACTOR_REQUIRED',
          'Enter the code from your authenticator app to continue.',
        );
      }
      if (session.mustChangePassword && !def.duringPasswordChange) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you continue.');
      }
      // The practice requires a factor this person has not enrolled: enrolment first (after a new password).
      if (session.secondFactor === 'enrol' && !session.mustChangePassword && !def.duringFactorEnrolment) {
        throw new AppError(
          'SECOND_FACTOR_ENROLMENT_REQUIRED',
          'Set up your second factor before you continue.',
        );
      }
      if (def.access !== 'session' && !def.access.includes(session.role)) {
        throw new AppError('FORBIDDEN', 'Your role does not allow this.');
      }
    }
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', 'Some details need attention.', { fields: issuesOf(parsed.error) });
    }
    const handler = handlers[name] as (input: unknown, call: HandlerCall) => Promise<unknown>;
    const value = await handler(parsed.data, { session, ctx });
    // Output schemas are strict: a field the schema does not name never reaches the renderer.
    const out = def.output.safeParse(value);
    if (!out.success) {
      logger.log('error', 'router.badOutput', { channel: name, count: out.error.issues.length });
      throw new Error('handler output did not match the contract');
    }
    return out.data;
  }

  /** Every refusal (AppError.refused) answered to a signed-in session goes to onDenied, here only. */
  async function denied(ctx: CallContext, name: unknown, rawInput: unknown): Promise<void> {
    const session = sessions.get(ctx.windowId);
    if (!options.onDenied || !session || !isChannel(name)) return;
    const access = contract[name].access;
    try {
      await options.onDenied({
        session,
        channel: name,
        by: access !== 'public' && access !== 'session' && !access.includes(session.role) ? 'role' : 'record',
        target: deniedTarget(rawInput),
      });
    } catch (error) {
      logger.log('error', 'router.denialNotRecorded', {
        channel: name,
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }

  /** Every stored row refused as unreadable goes to onUnreadable, here only. */
  async function unreadable(ctx: CallContext, name: unknown, record: StoredRecord): Promise<void> {
    if (!options.onUnreadable) return;
    const channel = isChannel(name) ? name : 'unknown';
    try {
      await options.onUnreadable({ session: sessions.get(ctx.windowId), channel, record });
    } catch (error) {
      logger.log('error', 'router.unreadableNotRecorded', {
        channel,
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }

  return {
    async handle(ctx, name, rawInput) {
      const started = performance.now();
      try {
        const value = await dispatch(ctx, name, rawInput);
        return { ok: true, value };
      } catch (error) {
        if (isAppError(error)) {
          if (error.refused) await denied(ctx, name, rawInput);
          if (error instanceof UnreadableRecord) await unreadable(ctx, name, error.record);
          return { ok: false, error: error.toPayload() };
        }
        // Anything unexpected: a generic message for the user, the shape (not the content) in the log.
        logger.log('error', 'router.internal', {
          channel: isChannel(name) ? name : 'unknown',
          errorName: error instanceof Error ? error.name : typeof error,
          code:
            typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined,
        });
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Something went wrong inside Stillwater. Nothing was changed; please try again.',
          },
        };
      } finally {
        const ms = performance.now() - started;
        if (ms > 40)
          logger.log('warn', 'router.slowCall', {
            channel: isChannel(name) ? name : 'unknown',
            durationMs: Math.round(ms),
          });
      }
    },
  };
}
