// The diagnoses room's door (issue 20): a client's ICD-10-CM diagnoses as of any moment and the
// history of each, for the chart, the notes and releases; the service behind the Diagnoses tab; the
// shipped code list (its data files, for the build); the chart destruction's purge.
export { diagnosesAsOf, diagnosisHistory } from './read.ts';
export { DiagnosesService } from './service.ts';
export { BUNDLED_DATA_FILES, codeListPath } from './code-list.ts';
export { purgeClient as purgeClientDiagnoses } from './queries.ts';
