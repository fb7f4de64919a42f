// The SHA-256 of a signed note and of an addendum, over canonical JSON of exactly what was
// signed. Recomputed on every read: a mismatch means the row changed after signing.
import type { NoteRow } from '../../../db/schema.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';

export function noteHash(n: NoteRow, signedAt: string): string {
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
