// The session's inactivity lock (DESIGN.md section 6): main owns the timer; the renderer reports
// input in Stillwater's own window, asks to lock, and confirms its last draft save on the way out.
import { z } from 'zod';
import { channel, Empty, Nothing } from './common.ts';

export const SESSION_DEFAULTS = { timeoutMinutes: 5, warningSeconds: 60 } as const;

export const SessionSettings = z
  .strictObject({
    timeoutMinutes: z
      .number({ error: 'Enter a number of minutes.' })
      .int('Use whole minutes.')
      .min(1, 'Lock after at least 1 minute.')
      .max(60, 'Lock after at most 60 minutes.'),
    warningSeconds: z
      .number({ error: 'Enter a number of seconds.' })
      .int('Use whole seconds.')
      .min(10, 'Warn at least 10 seconds before.')
      .max(300, 'Warn at most 5 minutes before.'),
  })
  .refine((s) => s.warningSeconds < s.timeoutMinutes * 60, {
    path: ['warningSeconds'],
    error: 'The warning must come before the lock: make it shorter than the timeout.',
  });
export type SessionSettings = z.infer<typeof SessionSettings>;

export const sessionChannels = {
  /** Input happened in the app's window (throttled by the renderer). Resets the timer. */
  'session.activity': channel({
    input: Empty,
    output: Nothing,
    access: 'session',
    duringPasswordChange: true,
    duringSecondFactor: true,
    duringFactorEnrolment: true,
  }),
  /** "Lock" in the app (menu and shortcut go through main directly). */
  'session.lock': channel({
    input: Empty,
    output: Nothing,
    access: 'session',
    duringPasswordChange: true,
    duringSecondFactor: true,
    duringFactorEnrolment: true,
    duringLock: true,
  }),
  /** The renderer saved what was being typed; main may finish locking at once. */
  'session.draftFlushed': channel({
    input: Empty,
    output: Nothing,
    access: 'session',
    duringPasswordChange: true,
    duringSecondFactor: true,
    duringFactorEnrolment: true,
    duringLock: true,
  }),
  'settings.getSession': channel({
    input: Empty,
    output: SessionSettings,
    access: 'session',
    duringPasswordChange: true,
    duringSecondFactor: true,
    duringFactorEnrolment: true,
  }),
  'settings.updateSession': channel({ input: SessionSettings, output: SessionSettings, access: ['owner'] }),
} as const;
