// The practice room's door: first-run setup, the practice profile, and the state-law deadlines
// and notice every due date and letter reads.
export { PracticeService } from './service.ts';
export { getPractice } from './queries.ts';
export { practiceNameIn } from './queries.ts';
export { legalDeadlines, stateNotice, StateLawService, type LegalDeadlines } from './state-law.ts';
