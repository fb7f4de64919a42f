// What a restart keeps: the diagnoses with their versions, and the code list, loaded once; a list of
// another version in the database (an older app's, or one edited on disk) is replaced at the next
// unlock by the list this app ships, without touching a client's diagnoses.
import { afterEach, expect, it } from 'vitest';
import { ensureCodeSet } from '../../../main/core/diagnoses/code-list.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

let p: TestPractice | null = null;
let first: TestPractice | null = null;
afterEach(async () => {
  await p?.close();
  await first?.close();
  p = null;
  first = null;
});

const codeCount = (q: TestPractice): number =>
  (q.core.ctx.vault.db.sqlite.prepare('SELECT count(*) AS n FROM icd10_codes').get() as { n: number }).n;

it('keeps the diagnoses, their history and the code list across a restart', async () => {
  first = await makePractice();
  const me = (await first.ok('app.status', {})).session?.user.id ?? '';
  const clientId = (await first.ok('clients.create', adultClient(me))).id;
  await first.ok('diagnoses.add', { clientId, code: 'F41.1', status: 'active', part2: false });
  const added = await first.ok('diagnoses.add', {
    clientId,
    code: 'Z63.0',
    description: 'Problems in relationship with spouse or partner',
    status: 'active',
    rank: 1,
    part2: false,
  });
  const z = added.diagnoses[0]?.id ?? '';
  await first.ok('diagnoses.change', {
    diagnosisId: z,
    status: 'resolved',
    onsetDate: null,
    reason: 'Settled',
  });
  const before = await first.ok('diagnoses.list', { clientId });
  const history = await first.ok('diagnoses.history', { diagnosisId: z });
  expect(codeCount(first)).toBe(849);

  p = first.restart();
  await p.signIn(OWNER.username, OWNER.password);
  const after = await p.ok('diagnoses.list', { clientId });
  expect(after.diagnoses).toEqual(before.diagnoses);
  expect(after.diagnoses.map((d) => [d.code, d.current.rank, d.current.status])).toEqual([
    ['F41.1', 1, 'active'],
    ['Z63.0', null, 'resolved'],
  ]);
  expect(await p.ok('diagnoses.history', { diagnosisId: z })).toEqual(history);
  expect(codeCount(p)).toBe(849);
  expect((await p.ok('diagnoses.searchCodes', { query: 'panic' })).matches[0]?.code).toBe('F41.0');
  // The rule still holds after the restart: a header is refused.
  expect(
    (await p.fail('diagnoses.add', { clientId, code: 'F32', status: 'active', part2: false })).code,
  ).toBe('INVALID_INPUT');
});

it('replaces a code list of another version at the next unlock, leaving the diagnoses alone', async () => {
  first = await makePractice();
  const me = (await first.ok('app.status', {})).session?.user.id ?? '';
  const clientId = (await first.ok('clients.create', adultClient(me))).id;
  await first.ok('diagnoses.add', { clientId, code: 'F41.1', status: 'active', part2: false });
  const db = first.core.ctx.vault.db.db;
  const swapped = await ensureCodeSet(
    db,
    (fn) => db.transaction().execute(fn),
    new Date().toISOString(),
    () => ({
      version: 'an-older-list',
      codes: [{ code: 'F99', description: 'Mental disorder, not otherwise specified' }],
    }),
  );
  expect(swapped).toBe(true);
  expect(codeCount(first)).toBe(1);

  p = first.restart();
  await p.signIn(OWNER.username, OWNER.password);
  expect(codeCount(p)).toBe(849);
  expect((await p.ok('diagnoses.searchCodes', { query: 'F41.1' })).matches[0]?.code).toBe('F41.1');
  expect((await p.ok('diagnoses.list', { clientId })).diagnoses.map((d) => d.code)).toEqual(['F41.1']);
});
