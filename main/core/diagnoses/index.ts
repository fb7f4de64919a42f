// The diagnoses room's door (issue 20): a client's ICD-10-CM diagnoses as of any moment and the
// history of each, for the chart, the notes and releases; the chart destruction's purge.
export { diagnosesAsOf, diagnosisHistory } from './read.ts';
export { purgeClient as purgeClientDiagnoses } from './queries.ts';
