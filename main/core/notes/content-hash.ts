// The SHA-256 of a signed note, of its co-signature and of an addendum, over canonical JSON of
// exactly what was signed. Recomputed on every read: a mismatch means the row changed after signing.
import type { NoteRow } from '../../../db/schema.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { JsonValue, parseStored, UnreadableRecord } from '../stored-json.ts';
import { damagedNote, parseSections } from './codecs.ts';

/**
 * v1 covers the content as signed; a note marked with its episode of care (migration 0005) is
 * hashed as v2, which also covers the episode, so the mark cannot be moved without the note
 * failing its integrity check (clearing it makes the v1 hash differ from the stored v2 one). A
 * note that stored what it addressed (migration 0018: diagnoses, goal progress, template version)
 * is hashed as v3, which covers those too, as stored.
 */
export function noteHash(n: NoteRow, signedAt: string): string {
  const episode = n.episode_id === null ? {} : { v: 2, episodeId: n.episode_id };
  const links =
    n.addressed_diagnoses === null && n.goal_progress === null && n.template_version_id === null
      ? {}
      : {
          v: 3,
          addressedDiagnoses: storedLinks(n, n.addressed_diagnoses),
          goalProgress: storedLinks(n, n.goal_progress),
          templateVersionId: n.template_version_id,
        };
  return sha256Hex(
    canonicalJson({
      v: 1,
      id: n.id,
      clientId: n.client_id,
      authorId: n.author_id,
      kind: n.kind,
      template: n.template,
      serviceDate: n.service_date,
      startTime: n.start_time,
      endTime: n.end_time,
      durationMinutes: n.duration_minutes,
      serviceCode: n.service_code,
      modality: n.modality,
      location: n.location,
      participants: n.participants,
      riskLevel: n.risk_level,
      riskPlan: n.risk_plan,
      sections: parseSections(n),
      part2: n.part2,
      signedAt,
      ...episode,
      ...links,
    }),
  );
}

/**
 * A co-signature is added after signing, so the note's own hash cannot cover it: its hash binds
 * the co-signer and the time to the note's content hash (migration 0006 computed the same v1 for
 * notes co-signed before it). The database writes it once (trigger); this catches an edit made
 * with the triggers dropped.
 */
export function cosignHash(n: {
  id: string;
  content_hash: string;
  cosigned_by: string;
  cosigned_at: string;
}): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      noteId: n.id,
      contentHash: n.content_hash,
      cosignedBy: n.cosigned_by,
      cosignedAt: n.cosigned_at,
    }),
  );
}

/** A link column as stored (any JSON; its own codec reads it for display): null stays null. */
const storedLinks = (n: NoteRow, text: string | null): JsonValue | null =>
  text === null ? null : parseStored(JsonValue, text, damagedNote(n.id));

/** A signed note whose sections no longer parse was changed after signing: no hash matches it. */
function hashIfReadable(n: NoteRow): string | null {
  try {
    return noteHash(n, n.signed_at ?? '');
  } catch (error) {
    if (error instanceof UnreadableRecord) return null;
    throw error;
  }
}

/**
 * Whether a signed note is exactly as signed and co-signed: its content hash recomputes, and its
 * co-signature is either wholly absent or carries a hash that recomputes. Every path that shows or
 * releases a signed note asks this (notes.get, co-signing, release review and export).
 */
export function signedNoteIntact(n: NoteRow): boolean {
  if (n.content_hash === null || hashIfReadable(n) !== n.content_hash) return false;
  if (n.cosigned_by === null && n.cosigned_at === null && n.cosign_hash === null) return true;
  if (n.cosigned_by === null || n.cosigned_at === null || n.cosign_hash === null) return false;
  return (
    cosignHash({
      id: n.id,
      content_hash: n.content_hash,
      cosigned_by: n.cosigned_by,
      cosigned_at: n.cosigned_at,
    }) === n.cosign_hash
  );
}

export function addendumHash(a: {
  id: string;
  note_id: string;
  author_id: string;
  text: string;
  signed_at: string;
}): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      id: a.id,
      noteId: a.note_id,
      authorId: a.author_id,
      text: a.text,
      signedAt: a.signed_at,
    }),
  );
}
