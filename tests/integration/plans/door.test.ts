// The plans room's door reads (plansOf, currentPlan) and the table's guards, straight on the
// database: what the notes and releases rooms build on.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPlan, plansOf } from '../../../main/core/plans/index.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice;
let clientId: string;
let ownerId: string;

beforeAll(async () => {
  p = await makePractice();
  const s = await p.signIn(OWNER.username, OWNER.password);
  ownerId = s.user.id;
  clientId = (await p.ok('clients.create', adultClient(ownerId))).id;
});
afterAll(() => p.close());

describe('plans door', () => {
  it('has no plan for a new client', async () => {
    const db = p.core.ctx.vault.db.db;
    expect(await plansOf(db, clientId)).toEqual([]);
    expect(await currentPlan(db, clientId)).toBeNull();
  });

  it('refuses a raw insert of a second row with the same id', () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    const id = randomUUID();
    const insert = () =>
      sqlite
        .prepare(
          `INSERT INTO treatment_plans (id, client_id, version, status, content, part2, review_due_on, created_by, created_at, updated_at)
           VALUES (?, ?, 1, 'draft', '{"problems":[],"interventions":[]}', 0, '2026-06-01', ?, 'x', 'x')`,
        )
        .run(id, clientId, ownerId);
    insert();
    expect(insert).toThrow();
    sqlite.prepare('DELETE FROM treatment_plans WHERE id = ?').run(id);
  });
});
