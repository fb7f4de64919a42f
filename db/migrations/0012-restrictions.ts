// 0012: a client's requests to restrict disclosures (45 CFR 164.522(a), issue 19): which records
// (kinds, dates of service, specific notes; care paid in full out of pocket), to whom and for
// what, the practice's decision and the termination. The register is kept six years
// (164.530(j)): a request is never deleted, what was asked never changes, a decision is made once
// and a termination is recorded once. A self-pay restriction is never declined nor ended by the
// practice (164.522(a)(1)(vi), (a)(2)(iii)): refused here too, beneath the service's own check.
import { sql, type Kysely } from 'kysely';

const raise = (message: string) => sql.raw(`SELECT RAISE(ABORT, '${message}');`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('restriction_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('request_text', 'text', (c) => c.notNull())
    .addColumn('self_pay', 'integer', (c) => c.notNull().check(sql`self_pay IN (0, 1)`))
    // JSON: { recordTypes, from?, to?, noteIds } (read through the room's codec).
    .addColumn('scope', 'text', (c) => c.notNull())
    // JSON: { kind: 'anyone' | 'health_plan' | 'named', name? }.
    .addColumn('recipient', 'text', (c) => c.notNull())
    // JSON: the purposes it names; [] is every purpose.
    .addColumn('purposes', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('requested', 'agreed', 'declined', 'terminated')`),
    )
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decision_reason', 'text')
    .addColumn('terminated_on', 'text')
    .addColumn('terminated_how', 'text', (c) =>
      c.check(sql`terminated_how IN ('client_written', 'client_oral', 'practice_notice')`),
    )
    .addColumn('termination_note', 'text')
    .addColumn('terminated_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('restrictions_by_client')
    .on('restriction_requests')
    .columns(['client_id', 'received_on'])
    .execute();

  await sql`CREATE TRIGGER restriction_requests_no_delete BEFORE DELETE ON restriction_requests BEGIN ${raise('a restriction request cannot be deleted')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER restriction_requests_no_replace BEFORE INSERT ON restriction_requests WHEN EXISTS (SELECT 1 FROM restriction_requests WHERE id = NEW.id) BEGIN ${raise('a restriction request cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER restriction_requests_fixed BEFORE UPDATE OF id, client_id, received_on, request_text, self_pay, scope, recipient, purposes, created_by, created_at ON restriction_requests BEGIN ${raise('a restriction request cannot be changed')} END`.execute(
    db,
  );
  // requested -> agreed | declined; agreed -> terminated. Nothing else.
  await sql`CREATE TRIGGER restriction_requests_status BEFORE UPDATE OF status ON restriction_requests WHEN NOT ((OLD.status = 'requested' AND NEW.status IN ('agreed', 'declined')) OR (OLD.status = 'agreed' AND NEW.status = 'terminated')) BEGIN ${raise('a restriction decision cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER restriction_requests_decided_once BEFORE UPDATE OF decided_on, decided_by, decision_reason ON restriction_requests WHEN OLD.decided_on IS NOT NULL OR OLD.decided_by IS NOT NULL OR OLD.decision_reason IS NOT NULL BEGIN ${raise('a restriction decision cannot be changed')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER restriction_requests_terminated_once BEFORE UPDATE OF terminated_on, terminated_how, termination_note, terminated_by ON restriction_requests WHEN OLD.terminated_on IS NOT NULL OR OLD.terminated_how IS NOT NULL OR OLD.termination_note IS NOT NULL OR OLD.terminated_by IS NOT NULL BEGIN ${raise('a termination cannot be changed')} END`.execute(
    db,
  );
  // 164.522(a)(1)(vi), (a)(2)(iii): a self-pay restriction is agreed to, and only the client ends it.
  await sql`CREATE TRIGGER restriction_requests_self_pay BEFORE UPDATE ON restriction_requests WHEN OLD.self_pay = 1 AND (NEW.status = 'declined' OR NEW.terminated_how = 'practice_notice') BEGIN ${raise('a self-pay restriction cannot be declined or ended by the practice')} END`.execute(
    db,
  );
}
