// The sessions room's door: sign-in and sign-out, sessions per window, one-time codes, the
// inactivity lock and its settings.
export { SessionManager, type Session } from './session-manager.ts';
export { AuthService } from './auth-service.ts';
export { newOneTimeCode, OneTimeCodes } from './one-time-codes.ts';
export { AutoLock, type IdleSource, type Notify } from './auto-lock.ts';
export { SessionSettingsService } from './session-settings.ts';
