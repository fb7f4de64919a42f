// The door other rooms build on (notes, releases): a client's diagnoses as of a moment, ranked,
// and one diagnosis's history; a version row can be neither changed nor deleted.
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { diagnosesAsOf, diagnosisHistory } from '../../../main/core/diagnoses/index.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

it('an empty chart has no diagnoses, and an unknown diagnosis no history', async () => {
  p = await makePractice();
  const me = (await p.ok('app.status', {})).session?.user.id ?? '';
  const client = await p.ok('clients.create', adultClient(me));
  const db = p.core.ctx.vault.db.db;
  expect(await diagnosesAsOf(db, client.id)).toEqual([]);
  expect(await diagnosisHistory(db, randomUUID())).toEqual([]);
});
