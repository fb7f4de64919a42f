// The cover room's door (issue 21, planned cover): grants of an absent clinician's caseload to a
// colleague for a window of time. chartAccess asks grantInForce; the client list and note search
// narrow with coveredClinicians, so they return exactly the charts chartAccess opens under cover.
export { CoverService } from './service.ts';
export { coveredClinicians, coverInForce, type CoverGrant } from './queries.ts';
export { installClockFunction } from './clock.ts';
