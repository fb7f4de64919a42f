// Backups and restore (45 CFR 164.308(a)(7): data backup plan, disaster recovery): the owner's
// settings and "Back up now", status and generations, restore on this computer, restore on a new
// computer at first run, and the one-time sign-in codes staff use after a restore.
import { z } from 'zod';
import { channel, Empty, Id, Password, plainText, Username } from './common.ts';
import { SessionInfo } from './auth.ts';

export const RetentionPolicy = z.strictObject({
  daily: z
    .number({ error: 'Enter a number.' })
    .int('Use whole numbers.')
    .min(1, 'Keep at least 1 daily backup.')
    .max(60, 'At most 60 daily backups.'),
  weekly: z
    .number({ error: 'Enter a number.' })
    .int('Use whole numbers.')
    .min(0, 'Use 0 or more.')
    .max(52, 'At most 52 weekly backups.'),
  monthly: z
    .number({ error: 'Enter a number.' })
    .int('Use whole numbers.')
    .min(0, 'Use 0 or more.')
    .max(120, 'At most 120 monthly backups.'),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const BackupSchedule = z.strictObject({
  /** A backup when the last person signs out or the app closes (skipped when nothing changed). */
  onSignOut: z.boolean(),
  /** While Stillwater is open, a backup when the last one is older than this many hours. */
  everyHours: z
    .number({ error: 'Enter a number of hours.' })
    .int('Use whole hours.')
    .min(1, 'At least every hour.')
    .max(24, 'At least once a day.'),
});

export const BackupSettingsInput = z.strictObject({
  schedule: BackupSchedule,
  retention: RetentionPolicy,
  /** Warn the owner when the newest verified backup is older than this. */
  maxAgeDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Use whole days.')
    .min(1, 'At least 1 day.')
    .max(30, 'At most 30 days.'),
});
export type BackupSettingsInput = z.infer<typeof BackupSettingsInput>;

export const BackupSettings = BackupSettingsInput.extend({
  /** The folder the owner chose in a dialog (an external drive or a file-server share). */
  folder: z.string().max(4096).nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const BACKUP_DEFAULTS: BackupSettings = {
  folder: null,
  schedule: { onSignOut: true, everyHours: 24 },
  retention: { daily: 7, weekly: 4, monthly: 12 },
  maxAgeDays: 3,
};

export const BackupFailureReason = z.enum([
  'not-configured',
  'folder-missing',
  'drive-not-connected',
  'disk-full',
  'no-permission',
  'verify-failed',
  'write-failed',
]);
export type BackupFailureReason = z.infer<typeof BackupFailureReason>;

export const BackupGeneration = z.strictObject({
  name: z.string(),
  createdAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  auditEntries: z.number().int().nonnegative(),
});
export type BackupGeneration = z.infer<typeof BackupGeneration>;

export const BackupProgress = z.strictObject({
  phase: z.enum(['preparing', 'copying', 'verifying', 'finishing', 'done', 'failed']),
  percent: z.number().int().min(0).max(100),
});
export type BackupProgress = z.infer<typeof BackupProgress>;

export const BackupStatus = z.strictObject({
  configured: z.boolean(),
  folder: z.string().nullable(),
  running: BackupProgress.nullable(),
  lastVerified: z
    .strictObject({ name: z.string(), at: z.string(), ageHours: z.number().nonnegative() })
    .nullable(),
  lastFailure: z
    .strictObject({ at: z.string(), reason: BackupFailureReason, message: z.string() })
    .nullable(),
  /** Plain words for the owner's sign-in warning; null when backups are healthy. */
  warning: z.string().nullable(),
  /** Restored on a new computer: the old computer's folder is not used; the owner chooses one again. */
  chooseFolderAgain: z.boolean(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/**
 * "690 MB", "3.2 GB": how a backup size is written everywhere, in Settings' figures (renderer) and
 * in main's warning sentence beside them, so that the sentence and the figures agree.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

/** The backup folder's room (issue 17): what Stillwater's backups take, the drive's free space, and
 * whether keeping as many as retention allows would fill it. Figures are bytes. */
export const BackupFolderUsage = z.strictObject({
  /** False when no folder is chosen or it cannot be read (the status says why); no figures then. */
  reachable: z.boolean(),
  /** Finished Stillwater backups in the folder; nothing else there is counted. */
  backupCount: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  latestBytes: z.number().int().nonnegative().nullable(),
  freeBytes: z.number().int().nonnegative().nullable(),
  /** The most backups the retention policy keeps at once. */
  retentionKeeps: z.number().int().positive(),
  /** Keeping that many backups of the latest one's size; null before the first backup. */
  neededBytes: z.number().int().nonnegative().nullable(),
  /** Plain words for the owner when retention would fill the drive; null when it fits. */
  warning: z.string().nullable(),
});
export type BackupFolderUsage = z.infer<typeof BackupFolderUsage>;

/** What the clear part of a backup says before the recovery key is entered. */
export const BackupSummary = z.strictObject({
  createdAt: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  /** Record counts from the manifest (numbers only), shown before and after the restore. */
  records: z.strictObject({
    clients: z.number().int().nonnegative(),
    notes: z.number().int().nonnegative(),
    releases: z.number().int().nonnegative(),
    disclosures: z.number().int().nonnegative(),
    staff: z.number().int().nonnegative(),
    auditEntries: z.number().int().nonnegative(),
  }),
  /** Made by a newer Stillwater than this one: it cannot be restored here. */
  newerVersion: z.boolean(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

const RecoveryKeyText = z
  .string()
  .trim()
  .min(1, 'Enter the recovery key.')
  .max(100, 'A recovery key is 64 characters long.')
  .superRefine(plainText('The recovery key'));

export const RestoreHereInput = z.strictObject({
  name: z.string().min(1).max(200).superRefine(plainText('The backup’s name')),
  /** The backup's date (YYYY-MM-DD) typed or confirmed by the owner: names what is being restored. */
  confirmDate: z.iso.date({ error: 'Confirm the backup’s date.' }),
});

export const RestoreFirstRunInput = z.strictObject({
  recoveryKey: RecoveryKeyText,
  /** The owner's username in the backup; they choose a new password for this computer. */
  username: Username,
  newPassword: Password,
});

export const SignInCode = z.strictObject({ code: z.string(), expiresAt: z.string() });

export const RedeemCodeInput = z.strictObject({
  username: Username,
  code: z
    .string()
    .trim()
    .min(1, 'Enter the one-time code.')
    .max(40, 'That code is too long.')
    .superRefine(plainText('The code')),
  newPassword: Password,
});

export const backupChannels = {
  'backup.getSettings': channel({ input: Empty, output: BackupSettings, access: ['owner'] }),
  'backup.updateSettings': channel({ input: BackupSettingsInput, output: BackupSettings, access: ['owner'] }),
  /** Opens the folder dialog in main; the chosen folder is checked and saved. */
  'backup.chooseFolder': channel({ input: Empty, output: BackupSettings, access: ['owner'] }),
  /** Runs a backup now; progress arrives as backup.progress events. */
  'backup.runNow': channel({ input: Empty, output: BackupStatus, access: ['owner'] }),
  'backup.status': channel({ input: Empty, output: BackupStatus, access: ['owner'] }),
  'backup.listGenerations': channel({
    input: Empty,
    output: z.array(BackupGeneration),
    access: ['owner'],
  }),
  /** The backup folder's total backup size, free space and whether retention would fill it. */
  'backup.folderUsage': channel({ input: Empty, output: BackupFolderUsage, access: ['owner'] }),
  /** Same-computer restore: the current database is kept aside, never overwritten. */
  'backup.restoreHere': channel({
    input: RestoreHereInput,
    output: z.strictObject({ keptAside: z.string(), session: SessionInfo }),
    access: ['owner'],
  }),
  /** First run on a new computer: opens the file dialog and reads the backup's clear summary. */
  'backup.chooseRestoreFile': channel({ input: Empty, output: BackupSummary.nullable(), access: 'public' }),
  'backup.restoreFirstRun': channel({ input: RestoreFirstRunInput, output: SessionInfo, access: 'public' }),
  /** After a restore on a new computer: a one-time code for one staff member (single use, expires). */
  'backup.issueSignInCode': channel({
    input: z.strictObject({ userId: Id }),
    output: SignInCode,
    access: ['owner'],
  }),
  'backup.redeemSignInCode': channel({ input: RedeemCodeInput, output: SessionInfo, access: 'public' }),
} as const;
