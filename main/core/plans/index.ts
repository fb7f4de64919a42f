// The plans room's door (issue 20): a client's treatment plans (every version, and the current one
// signed by both), for the chart, the notes (goals a note marks) and releases; the destruction's purge.
export { PlansService } from './service.ts';
export { currentPlan, plansOf } from './read.ts';
export { purgeClient as purgePlansOfClient } from './queries.ts';
