// The emergency-access room's door (issue 21): break-glass grants, read-only and time-limited by
// main's clock, the home-screen flags and their acknowledgement, and the practice's duration.
export { EmergencyAccessService, endOf, inForce } from './service.ts';
export { purgeClientEmergencyAccess } from './queries.ts';
