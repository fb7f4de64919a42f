// The synthetic practice used by demos, e2e tests and the benchmark: real, valid, fictional.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/index.ts';
import { DEMO_PASSWORD, SEED_ORIGIN, seedPractice, type SeedResult } from '../../../main/core/demo/seed.ts';
import { testKeychain } from '../../helpers/keychain.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let core: Core;
let result: SeedResult;
const dir = tempDir();

const call = async (channel: string, input: unknown, windowId = 'check') => {
  const r = await core.router.handle({ windowId, origin: SEED_ORIGIN }, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value;
};

beforeAll(async () => {
  core = createCore({ dataDir: dir.path, keychain: await testKeychain(), allowedOrigins: [SEED_ORIGIN] });
  result = await seedPractice(core, { clients: 40, intakeShare: 0.3, notesPerClient: 3 });
});
afterAll(async () => {
  await core.shutdown();
  dir.remove();
});

describe('the synthetic practice', () => {
  it('leaves nobody signed in and the vault closed, with synchronous=FULL restored on the next open', async () => {
    expect(core.ctx.vault.isOpen).toBe(false);
    await call('auth.signIn', { username: 'demo.owner', password: DEMO_PASSWORD });
    expect(core.ctx.vault.db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('has staff in every role who can sign in with the demo password, no temporary passwords left', async () => {
    expect(result.accounts.map((a) => a.role)).toEqual(
      expect.arrayContaining(['owner', 'clinician', 'front_desk']),
    );
    for (const a of result.accounts) {
      const info = (await call(
        'auth.signIn',
        { username: a.username, password: DEMO_PASSWORD },
        `w-${a.username}`,
      )) as {
        mustChangePassword: boolean;
      };
      expect(info.mustChangePassword).toBe(false);
    }
  });

  it('registers the clients asked for, obviously fictional, minors with a guardian', async () => {
    const list = (await call('clients.search', { query: '', limit: 500 })) as {
      total: number;
      clients: { id: string; phone: string | null; minor: boolean }[];
    };
    expect(list.total).toBe(40);
    expect(list.clients.every((c) => c.phone?.startsWith('(555) 01'))).toBe(true);
    for (const c of list.clients.filter((x) => x.minor)) {
      const chart = (await call('clients.get', { clientId: c.id })) as {
        guardians: unknown[];
        email: string;
      };
      expect(chart.guardians.length).toBeGreaterThan(0);
    }
  });

  it('gives some clients a completed intake and a PHQ-9/GAD-7 series', async () => {
    let withIntake = 0;
    for (const id of result.clientIds) {
      const { intake } = (await call('intake.get', { clientId: id })) as {
        intake: { status: string } | null;
      };
      if (intake) {
        expect(intake.status).toBe('completed');
        withIntake += 1;
        const screenings = (await call('screenings.list', { clientId: id })) as unknown[];
        expect(screenings).toHaveLength(8);
      }
    }
    expect(withIntake).toBeGreaterThan(3);
  });

  it('writes signed notes with valid content hashes that the clinician can find', async () => {
    const clinician = result.accounts.find((a) => a.role === 'clinician');
    const w = `w-${clinician?.username ?? ''}`;
    const hits = (await call('notes.search', { query: 'synthetic', limit: 5 }, w)) as { noteId: string }[];
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      const note = (await call('notes.get', { noteId: h.noteId }, w)) as {
        integrity: string;
        status: string;
      };
      expect(note).toMatchObject({ integrity: 'ok', status: 'signed' });
    }
    const count = core.ctx.vault.db.sqlite.prepare('SELECT count(*) AS n FROM notes').get() as { n: number };
    expect(count.n).toBe(120);
  });

  it('keeps an intact audit chain', async () => {
    expect(await call('audit.verify', {})).toMatchObject({ ok: true });
  });
});
