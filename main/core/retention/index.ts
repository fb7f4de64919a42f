// The retention room's door (issue 19): the practice's retention rule, charts past retention, legal
// holds, the destruction of a chart (tombstone, certificate, the register that survives a restore)
// and clients' requests to delete their record, with their place on the due list.
import type { CoreContext } from '../context.ts';
import type { FolderPicker } from '../releases/index.ts';
import { DeletionRequests } from './deletion-requests.ts';
import { Destruction } from './destroy.ts';
import { RetentionService } from './service.ts';

export { RetentionService, readRetentionSetting } from './service.ts';
export { Destruction } from './destroy.ts';
export { DeletionRequests, deletionUrgency } from './deletion-requests.ts';
export { addYears, retentionDate, pastRetention, type RetentionFacts } from './rules.ts';
export { REGISTER_FILE } from './register.ts';

export interface RetentionRoom {
  desk: RetentionService;
  destruction: Destruction;
  deletions: DeletionRequests;
}

/**
 * `registerChanged`: called after a destruction has updated the register, so that a copy goes
 * beside the backups at once (the backup room's carrySideFiles).
 */
export function createRetention(
  ctx: CoreContext,
  pickFolder: FolderPicker,
  registerChanged: () => void = () => undefined,
): RetentionRoom {
  const desk = new RetentionService(ctx);
  return {
    desk,
    destruction: new Destruction(ctx, desk, pickFolder, registerChanged),
    deletions: new DeletionRequests(ctx, desk, pickFolder),
  };
}
