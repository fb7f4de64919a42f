// The chart summary on paper: the chart as clients.get shows it to this reader and the timeline as
// notes.timeline shows it (each note by mayReadNote), read with the same access rules and audited
// as one print of the chart rather than as views.
import type { ClientRecord } from '../../../preload/contract/clients.ts';
import type { TimelineEntry } from '../../../preload/contract/notes.ts';
import type { ClientsService } from '../clients/index.ts';
import { actorOf, recordAudit, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import type { TimelineService } from './timeline.ts';

export class ChartPrint {
  private readonly ctx: CoreContext;
  private readonly clients: ClientsService;
  private readonly timeline: TimelineService;
  constructor(ctx: CoreContext, clients: ClientsService, timeline: TimelineService) {
    this.ctx = ctx;
    this.clients = clients;
    this.timeline = timeline;
  }

  async summary(
    session: Session,
    clientId: string,
  ): Promise<{ client: ClientRecord; timeline: TimelineEntry[] }> {
    const client = await this.clients.get(session, clientId, { audit: false });
    const timeline = await this.timeline.timeline(session, clientId, { audit: false });
    await recordAudit(this.ctx, actorOf(session), {
      action: 'chart.print',
      targetType: 'client',
      targetId: clientId,
      detail: { entries: timeline.length },
    });
    return { client, timeline };
  }
}
