// The synthetic practice's treatment plans: most clients have one signed by both, intact; some are
// the full plans the bench opens (3 problems, 10 objectives); each names only current diagnoses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/index.ts';
import { DEMO_PASSWORD, SEED_ORIGIN, seedPractice, type SeedResult } from '../../../main/core/demo/seed.ts';
import { plansOf } from '../../../main/core/plans/index.ts';
import { testKeychain } from '../../helpers/keychain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let core: Core;
let result: SeedResult;
const dir = tempDir();

beforeAll(async () => {
  core = createCore({ dataDir: dir.path, keychain: await testKeychain(), allowedOrigins: [SEED_ORIGIN] });
  result = await seedPractice(core, { clients: 60, intakeShare: 0.1 });
  const r = await core.router.handle({ windowId: 'check', origin: SEED_ORIGIN }, 'auth.signIn', {
    username: 'demo.owner',
    password: DEMO_PASSWORD,
  });
  expect(r.ok).toBe(true);
});
afterAll(async () => {
  await core.shutdown();
  dir.remove();
});

describe('the synthetic practice’s treatment plans', () => {
  it('gives most clients a plan signed by both, intact, some with 3 problems and 10 objectives', async () => {
    const db = core.ctx.vault.db.db;
    const plans = (await Promise.all(result.clientIds.map((id) => plansOf(db, id)))).flat();
    expect(plans.length).toBeGreaterThan(result.clientIds.length / 2);
    for (const p of plans) expect(p).toMatchObject({ status: 'signed', integrity: 'ok', version: 1 });
    const objectives = (p: (typeof plans)[number]) =>
      p.content.problems.flatMap((x) => x.goals.flatMap((g) => g.objectives)).length;
    expect(plans.some((p) => p.content.problems.length === 3 && objectives(p) === 10)).toBe(true);
    expect(plans.every((p) => p.clientSignature?.signer === 'client')).toBe(true);
  });
});
