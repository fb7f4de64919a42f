// The accounting of disclosures (45 CFR 164.528): six years back from the disclosure log, leaving
// out what the law leaves out (disclosures to the client, under an authorization) unless asked,
// and disclosures made outside an export (a duty-to-warn call, a mandated report), entered by hand.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DisclosureEntry, ManualDisclosureInput } from '../../../preload/contract/releases.ts';
import { chartAccess, clinicalAccess } from '../access/index.ts';
import { suspendedRecipients } from '../accounting-suspensions/index.ts';
import { actorOf, inTransaction, nowIso, recordAudit } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import type { ReleaseDesk } from './desk.ts';
import { insertDisclosure, listDisclosures } from './queries.ts';

export class AccountingRoom {
  private readonly desk: ReleaseDesk;
  constructor(desk: ReleaseDesk) {
    this.desk = desk;
  }

  /**
   * 45 CFR 164.528: six years back; leaves out disclosures to the client and under an authorization,
   * and those to a recipient whose statement suspends the accounting today.
   */
  async accounting(session: Session, clientId: string, includeAll: boolean) {
    const { db, ctx } = this.desk;
    const { client } = await chartAccess(db, session, clientId);
    const to = this.desk.today();
    const from = `${String(Number(to.slice(0, 4)) - 6)}${to.slice(4)}`;
    // 164.528(a)(2): disclosures to an agency or official whose statement suspends the accounting
    // are left out while it is in force, in the complete log too (it prints as well).
    const suspended = await suspendedRecipients(db, clientId, to);
    const rows = (await listDisclosures(db, clientId, from)).filter((d) => !suspended.has(d.recipient_name));
    const excluded = (b: string) => b === 'access' || b === 'authorization';
    const entries: DisclosureEntry[] = rows
      .filter((d) => includeAll || !excluded(d.basis))
      .map((d) => ({
        id: d.id,
        disclosedOn: d.disclosed_on,
        recipientName: d.recipient_name,
        recipientAddress: d.recipient_address,
        description: d.description,
        purpose: d.purpose,
        basis: d.basis,
        manual: d.manual === 1,
        manifestSha256: d.manifest_sha256,
        recordedBy: d.recorded_by_name,
      }));
    await recordAudit(ctx, actorOf(session), {
      action: 'disclosure.accounting',
      targetType: 'client',
      targetId: clientId,
      detail: { includeAll, entries: entries.length },
    });
    return {
      clientName: `${client.legal_first_name} ${client.legal_last_name}`,
      chartNumber: client.chart_number,
      from,
      to,
      entries,
      excludedCount: rows.length - entries.length,
    };
  }

  /** A disclosure made outside an export (a duty-to-warn call, a mandated report), entered by hand. */
  async recordManual(
    session: Session,
    input: z.output<typeof ManualDisclosureInput>,
  ): Promise<DisclosureEntry> {
    const { db, ctx } = this.desk;
    await clinicalAccess(db, session, input.clientId);
    const id = randomUUID();
    await inTransaction(ctx, async (trx) => {
      await insertDisclosure(trx, {
        id,
        client_id: input.clientId,
        request_id: null,
        disclosed_on: input.disclosedOn,
        recipient_name: input.recipientName,
        recipient_address: input.recipientAddress ?? null,
        description: input.description,
        purpose: input.purpose,
        basis: input.basis,
        manual: 1,
        manifest_sha256: null,
        package_name: null,
        recorded_by: session.userId,
        recorded_at: nowIso(ctx),
      });
      await ctx.audit.append(trx, actorOf(session), {
        action: 'disclosure.record',
        targetType: 'client',
        targetId: input.clientId,
        detail: { disclosureId: id, basis: input.basis },
      });
    });
    return {
      id,
      disclosedOn: input.disclosedOn,
      recipientName: input.recipientName,
      recipientAddress: input.recipientAddress ?? null,
      description: input.description,
      purpose: input.purpose,
      basis: input.basis,
      manual: true,
      manifestSha256: null,
      recordedBy: session.displayName,
    };
  }
}
