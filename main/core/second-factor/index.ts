// The second-factor room's door (issue 21): TOTP with recovery codes. signInStep is the rule every
// path into a session calls; SecondFactorCodes is the one check of a code; the service enrols,
// turns off, sets the policy and resets.
export { signInStep, currentPolicy, requiredFor } from './policy.ts';
export { SecondFactorCodes, type CodeKind } from './codes.ts';
export { SecondFactorService } from './service.ts';
