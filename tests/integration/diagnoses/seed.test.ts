// The synthetic practice (demo, e2e, bench) gives every client one to three diagnoses, made through
// the same channel and code rule as the Diagnoses tab: ranked from 1 without gaps, listed codes with
// the list's words, any code outside the list flagged.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/index.ts';
import { DEMO_PASSWORD, SEED_ORIGIN, seedPractice, type SeedResult } from '../../../main/core/demo/seed.ts';
import type { DiagnosisList } from '../../../preload/contract/diagnoses.ts';
import { testKeychain } from '../../helpers/keychain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let core: Core;
let result: SeedResult;
const dir = tempDir();

beforeAll(async () => {
  core = createCore({ dataDir: dir.path, keychain: await testKeychain(), allowedOrigins: [SEED_ORIGIN] });
  result = await seedPractice(core, { clients: 24, intakeShare: 0, notesPerClient: 0 });
});
afterAll(async () => {
  await core.shutdown();
  dir.remove();
});

it('gives every client one to three ranked diagnoses', async () => {
  const origin = { windowId: 'check', origin: SEED_ORIGIN };
  const signIn = await core.router.handle(origin, 'auth.signIn', {
    username: 'demo.owner',
    password: DEMO_PASSWORD,
  });
  expect(signIn.ok).toBe(true);
  for (const clientId of result.clientIds) {
    const r = await core.router.handle(origin, 'diagnoses.list', { clientId });
    if (!r.ok) throw new Error(r.error.code);
    const list = r.value as DiagnosisList;
    expect(list.diagnoses.length).toBeGreaterThanOrEqual(1);
    expect(list.diagnoses.length).toBeLessThanOrEqual(3);
    expect(list.diagnoses.map((d) => d.current.rank)).toEqual(list.diagnoses.map((_, i) => i + 1));
    for (const d of list.diagnoses) {
      expect(d.inCodeSet).toBe(d.code.startsWith('F'));
      expect(d.current.onsetDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  }
});
