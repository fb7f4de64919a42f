// The SHA-256 of a signed note and of an addendum, over canonical JSON of exactly what was
// signed. Recomputed on every read: a mismatch means the row changed after signing.
import type { NoteRow } from '../../../db/schema.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';

/**
 * v1 covers the content as signed; a note marked with its episode of care (migration 0005) is
 * hashed as v2, which also covers the episode, so the mark cannot be moved without the note
 * failing its integrity check (clearing it makes the v1 hash differ from the stored v2 one).
 */
export function noteHash(n: NoteRow, signedAt: string): string {
  const episode = n.episode_id === null ? {} : { v: 2, episodeId: n.episode_id };
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
      sections: JSON.parse(n.sections) as Record<string, string>,
      part2: n.part2,
      signedAt,
      ...episode,
    }),
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
