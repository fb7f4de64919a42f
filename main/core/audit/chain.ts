// The audit hash chain: each entry's hash covers its fields and the previous entry's hash,
// in canonical JSON (sorted keys, no whitespace, UTF-8), so edits, deletions and reordering show.
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { detailForHash } from './codecs.ts';
import type { AuditLogTable } from '../../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(row: Omit<AuditLogTable, 'hash'>): string {
  const detail = detailForHash(row.detail);
  return sha256Hex(
    canonicalJson({
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      actorUsername: row.actor_username,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      detail,
      prevHash: row.prev_hash,
    }),
  );
}
