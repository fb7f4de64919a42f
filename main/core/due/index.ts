// The door of the due list (issue 19): the open requests with a legal clock, from every domain
// that has them, in one list for the Releases page. Each domain gives a source that lists only
// what the signed-in person may see (a clinician: their caseload); this room only merges.
import type { DueRequest } from '../../../preload/contract/due.ts';
import type { ListReadLog } from '../access/index.ts';
import type { Session } from '../sessions/index.ts';

/** One domain's open requests with a clock, as the person may see them; `today` is the practice's local date. */
export type DueSource = (session: Session, today: string) => Promise<DueRequest[]>;

const rank = (d: DueRequest): number => (d.urgency === 'overdue' ? 0 : d.urgency === 'due-soon' ? 1 : 2);

/** Overdue first, then due soon, then by the nearest due date, then the longest waiting. */
export const dueOrder = (a: DueRequest, b: DueRequest): number =>
  rank(a) - rank(b) ||
  (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
  a.receivedOn.localeCompare(b.receivedOn) ||
  a.id.localeCompare(b.id);

export class DueService {
  private readonly sources: readonly DueSource[];
  private readonly today: () => string;
  private readonly log: Pick<ListReadLog, 'record'> | null;

  /** `log`: names the clients each list showed in the audit log (null only in unit tests of the merge). */
  constructor(sources: readonly DueSource[], today: () => string, log: Pick<ListReadLog, 'record'> | null) {
    this.sources = sources;
    this.today = today;
    this.log = log;
  }

  async list(session: Session): Promise<DueRequest[]> {
    const today = this.today();
    const lists = await Promise.all(this.sources.map((source) => source(session, today)));
    const merged = lists.flat().sort(dueOrder);
    // The list shows clients' names and what they asked: each client shown is named in the log.
    await this.log?.record(
      session,
      merged.map((d) => d.clientId),
    );
    return merged;
  }
}
