// Client search: type-ahead over name, chart number, date of birth and phone, limited to the
// charts the person may open; every client shown is logged as a read of their demographics.
import type { z } from 'zod';
import { isMinor, type ClientSearchInput, type ClientSummary } from '../../../preload/contract/clients.ts';
import { caseloadOf, ListReadLog } from '../access/index.ts';
import { readDb, todayLocal, type CoreContext } from '../context.ts';
import type { Session } from '../sessions/index.ts';
import { confidentialContactOf } from './communications.ts';
import { listClients, searchClients } from './queries.ts';
import { ftsQuery } from './search-terms.ts';

export class ClientSearch {
  private readonly ctx: CoreContext;
  private readonly searchLog: ListReadLog;
  constructor(ctx: CoreContext) {
    this.ctx = ctx;
    this.searchLog = new ListReadLog(ctx, 'client.search');
  }

  async search(
    session: Session,
    input: z.output<typeof ClientSearchInput>,
  ): Promise<{ clients: ClientSummary[]; total: number }> {
    const db = readDb(this.ctx);
    const match = input.query.trim() ? ftsQuery(input.query) : null;
    if (input.query.trim() && match === null) return { clients: [], total: 0 };
    const filter = {
      status: input.status,
      primaryClinicianId: input.clinicianId,
      // Only charts chartAccess would open: clinicians their caseload, others every chart.
      caseloadOf: caseloadOf(session),
      sort: input.sort,
      offset: input.offset,
      limit: input.limit,
    };
    const { rows, total } =
      match === null
        ? await listClients(db, { ...filter, match })
        : await searchClients(db, { ...filter, match });
    const on = todayLocal(this.ctx);
    // Every client on the page is a read of their demographics (DESIGN.md section 7).
    await this.searchLog.record(
      session,
      rows.map((r) => r.id),
    );
    return {
      total,
      clients: rows.map((r) => ({
        id: r.id,
        chartNumber: r.chart_number,
        legalFirstName: r.legal_first_name,
        legalLastName: r.legal_last_name,
        preferredName: r.preferred_name,
        dateOfBirth: r.date_of_birth,
        phone: r.phone,
        status: r.status,
        primaryClinician: { id: r.primary_clinician_id, displayName: r.primary_clinician_name },
        minor: isMinor(r.date_of_birth, on),
        confidentialContact: confidentialContactOf(r),
      })),
    };
  }
}
