// The text the notes search index holds for a note: its sections, risk plan, participants and
// addenda. One definition for live saves and for bulk-seeded notes.
import type { NoteRow } from '../../../db/schema.ts';

export function searchBody(
  n: Pick<NoteRow, 'sections' | 'risk_plan' | 'participants'>,
  addenda: string[],
): string {
  const sections = Object.values(JSON.parse(n.sections) as Record<string, string>);
  return [...sections, n.risk_plan ?? '', n.participants ?? '', ...addenda].filter(Boolean).join('\n');
}
