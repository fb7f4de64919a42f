// The backup room's door: the service the handlers call, the seams createCore passes in, and
// the offline verification `npm run verify-backup` uses.
export { BackupService, type PathPicker } from './service.ts';
export { truncateLogAside, type BackupIo } from './writer.ts';
export { CheckpointThread } from './checkpoint-thread.ts';
export type { RunStage as BackupRunStage } from './runner.ts';
export { BackupProblem } from './format.ts';
export { dataKeyFromRecovery, readManifest, verifyBackup } from './verify.ts';
