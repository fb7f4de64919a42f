// The names and formats a release package is written and checked by, and its hash. A leaf module
// (no imports of the app's own): the package writer, the worker and the offline verifier share it,
// and it is whole before any of them starts, whatever order the app's modules load in.
import { createHash } from 'node:crypto';

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'stillwater-release/1';
/** A package is written under this name and keeps it until its export is recorded. */
export const TEMP_PREFIX = '.stillwater-partial-';
/**
 * Written into the package after the transaction that records the disclosure, just before the
 * rename: a folder without it (or with a temporary name) is an export that never finished.
 */
export const COMPLETE_MARKER = 'export-complete.json';
export const COMPLETE_FORMAT = 'stillwater-release-complete/1';

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
