// The practice room's door: first-run setup, the practice profile.
export { PracticeService } from './service.ts';
export { getPractice } from './queries.ts';
export { practiceNameIn } from './queries.ts';
