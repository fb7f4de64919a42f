// A client's timeline, newest first: notes, intake and screenings for the clinical team (each note
// only where mayReadNote allows it); for front desk only that sessions took place (date, clinician,
// service code), never their content.
import type { NoteRow } from '../../../db/schema.ts';
import type { TimelineEntry } from '../../../preload/contract/notes.ts';

type NoteEntry = Extract<TimelineEntry, { type: 'note' }>;
import { chartAccess, mayReadNote } from '../access/index.ts';
import { getIntake, listScreenings } from '../clients/index.ts';
import { actorOf, readDb, recordAudit, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import { parseNoteLinks } from './codecs.ts';
import { signedNoteIntact } from './content-hash.ts';
import { timelineNotes } from './queries.ts';
import { sectionLabels } from './templates.ts';

/**
 * A note's line shows what it addressed, as stored, only when the note is intact; a signed note
 * changed after signing is flagged instead (its stored links are not what was signed). 45 CFR
 * 164.312(c)(1): an improper alteration is detected on this path as on notes.get.
 */
function linksShown(n: NoteRow): Pick<NoteEntry, 'addressedDiagnoses' | 'goalProgress' | 'integrity'> {
  const integrity = n.status === 'draft' ? 'unsigned' : signedNoteIntact(n) ? 'ok' : 'tampered';
  if (integrity === 'tampered') return { addressedDiagnoses: [], goalProgress: [], integrity };
  const links = parseNoteLinks(n);
  return {
    addressedDiagnoses: links.addressedDiagnoses ?? [],
    goalProgress: links.goalProgress ?? [],
    integrity,
  };
}

export class TimelineService {
  private readonly ctx: CoreContext;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
  }

  async timeline(
    session: Session,
    clientId: string,
    options: { audit?: boolean } = {},
  ): Promise<TimelineEntry[]> {
    const db = readDb(this.ctx);
    const access = await chartAccess(db, session, clientId, { reading: true });
    const notes = await timelineNotes(db, clientId);
    const layouts = await sectionLabels(db, notes);
    const entries: TimelineEntry[] = [];
    for (const n of notes) {
      // Planned cover reads signed progress notes (mayReadNote decides each), nothing else clinical.
      if (!access.clinical && !access.cover) {
        if (n.kind === 'progress') {
          entries.push({
            type: 'session',
            date: n.service_date,
            clinician: { id: n.author_id, displayName: n.author_name },
            serviceCode: n.service_code,
          });
        }
        continue;
      }
      // A note the reader may not open is not shown, not even as a line: someone else's drafts and
      // psychotherapy notes, and Part 2 notes outside the care team.
      if (!mayReadNote(session, n, access, n.author_active === 1)) continue;
      entries.push({
        type: 'note',
        date: n.service_date,
        noteId: n.id,
        kind: n.kind,
        template: n.template,
        templateLabel: layouts.get(n.id)?.label ?? '',
        status: n.status,
        serviceCode: n.service_code,
        durationMinutes: n.duration_minutes,
        riskLevel: n.risk_level,
        author: { id: n.author_id, displayName: n.author_name },
        addenda: n.addenda ?? 0,
        cosigned: n.cosigned_by !== null,
        ...linksShown(n),
      });
    }
    if (access.clinical) {
      const intake = await getIntake(db, clientId);
      if (intake) {
        entries.push({
          type: 'intake',
          date: (intake.completed_at ?? intake.updated_at).slice(0, 10),
          status: intake.status,
        });
      }
      for (const s of await listScreenings(db, clientId)) {
        entries.push({
          type: 'screening',
          date: s.administered_on,
          instrument: s.instrument,
          total: s.total,
          severity: s.severity,
        });
      }
    }
    // Stable: entries of the same day keep the order above (notes newest first, then the rest).
    entries.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    // What the timeline shows of a note is checked as notes.get checks it: a change is flagged and audited.
    for (const e of entries) {
      if (e.type !== 'note' || e.integrity !== 'tampered') continue;
      await recordAudit(this.ctx, actorOf(session), {
        action: 'note.integrityFailed',
        targetType: 'note',
        targetId: e.noteId,
        detail: { clientId },
      });
      this.ctx.logger.log('error', 'notes.integrityFailed');
    }
    if (options.audit !== false) {
      await recordAudit(this.ctx, actorOf(session), {
        action: 'client.timelineView',
        targetType: 'client',
        targetId: clientId,
        detail: {
          entries: entries.length,
          ...(access.cover ? { coverGrantId: access.cover.grantId } : {}),
        },
      });
    }
    return entries;
  }
}
