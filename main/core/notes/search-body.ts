// The text the notes search index holds for a note: its sections, risk plan, participants and
// addenda. One definition for live saves and for bulk-seeded notes.
import type { NoteRow } from '../../../db/schema.ts';
import { parseSections } from './codecs.ts';

export function searchBody(
  n: Pick<NoteRow, 'sections' | 'risk_plan' | 'participants'> & { id?: string },
  addenda: string[],
): string {
  const sections = Object.values(parseSections(n));
  return [...sections, n.risk_plan ?? '', n.participants ?? '', ...addenda].filter(Boolean).join('\n');
}
