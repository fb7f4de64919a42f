// npm run bench: builds a 10,000-client synthetic practice and measures, through the core API
// (router: validation, permission checks, SQL, audit entry, output validation), client type-ahead
// search and chart open; then the same operations on an unencrypted copy of the same database,
// so the encryption overhead is a ratio. Writes bench-results/bench.json and prints a table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../main/core/index.ts';
import { SEED_ORIGIN, DEMO_PASSWORD, seedPractice } from '../../main/core/demo/seed.ts';
import { LAST_NAMES, FIRST_NAMES, seededRandom } from '../../main/core/demo/synthetic.ts';
import type { Channel, Input } from '../../preload/contract.ts';
import { testKeychain } from '../helpers/keychain.ts';
import { plainCopy } from './plain-vault.ts';
import { stats, table, type Row } from './stats.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
const OPENS = Number(process.env.BENCH_OPENS ?? 1_000);
const WINDOW = 'bench';

const root = mkdtempSync(join(tmpdir(), 'stillwater-bench-'));
const log = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function call<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<void> {
  const r = await core.router.handle({ windowId: WINDOW, origin: SEED_ORIGIN }, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
}

/** What a front-desk person types: name prefixes of 1–4 letters, first + last, DOB, phone, chart number. */
function typeAheadQueries(core: Core, n: number): string[] {
  const r = seededRandom(7);
  const sample = core.ctx.vault.db.sqlite
    .prepare(
      'SELECT legal_first_name, legal_last_name, date_of_birth, phone, chart_number FROM clients ORDER BY random() LIMIT 500',
    )
    .all() as {
    legal_first_name: string;
    legal_last_name: string;
    date_of_birth: string;
    phone: string;
    chart_number: string;
  }[];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = r.pick(sample);
    const [y, m, d] = c.date_of_birth.split('-');
    switch (i % 8) {
      case 0:
        out.push(r.pick(LAST_NAMES).slice(0, 1).toLowerCase()); // the worst case: one letter
        break;
      case 1:
        out.push(r.pick(LAST_NAMES).slice(0, 2).toLowerCase());
        break;
      case 2:
        out.push(c.legal_last_name.slice(0, r.int(3, 5)));
        break;
      case 3:
        out.push(`${c.legal_first_name.slice(0, 2)} ${c.legal_last_name.slice(0, 3)}`);
        break;
      case 4:
        out.push(`${String(Number(m))}/${String(Number(d))}/${y ?? ''}`);
        break;
      case 5:
        out.push(c.phone.replace(/\D/g, '').slice(0, r.int(4, 10)));
        break;
      case 6:
        out.push(c.chart_number.slice(3).replace(/^0+/, ''));
        break;
      default:
        out.push(r.pick(FIRST_NAMES).slice(0, 3));
    }
  }
  return out;
}

function clientIds(core: Core, n: number): string[] {
  return (
    core.ctx.vault.db.sqlite.prepare('SELECT id FROM clients ORDER BY random() LIMIT ?').all(n) as {
      id: string;
    }[]
  ).map((r) => r.id);
}

/**
 * Runs each operation on both databases, alternating which goes first, so that whatever else
 * the machine is doing weighs on both sides of the ratio alike.
 */
async function measurePair<T>(
  inputs: T[],
  enc: (input: T) => Promise<unknown>,
  plain: (input: T) => Promise<unknown>,
): Promise<{ encrypted: number[]; plain: number[] }> {
  const out = { encrypted: [] as number[], plain: [] as number[] };
  for (const [i, input] of inputs.entries()) {
    const order = i % 2 === 0 ? (['encrypted', 'plain'] as const) : (['plain', 'encrypted'] as const);
    for (const side of order) {
      const t = performance.now();
      await (side === 'encrypted' ? enc(input) : plain(input));
      out[side].push(performance.now() - t);
    }
  }
  return out;
}

try {
  const keychain = await testKeychain();
  const encDir = join(root, 'encrypted');
  const core = createCore({ dataDir: encDir, keychain, allowedOrigins: [SEED_ORIGIN] });
  const seedStarted = performance.now();
  log(`Building a ${String(CLIENTS)}-client synthetic practice in ${root} …`);
  await seedPractice(core, {
    clients: CLIENTS,
    intakeShare: 0.05,
    onProgress: (done, total) => {
      process.stdout.write(`  ${String(done)}/${String(total)}\r`);
    },
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`\nSeeded in ${seedSeconds.toFixed(1)} s`);

  // Front desk sees every client, the largest search space.
  await call(core, 'auth.signIn', { username: 'demo.desk1', password: DEMO_PASSWORD });
  const queries = typeAheadQueries(core, QUERIES);
  const ids = clientIds(core, OPENS);

  // The unencrypted copy is taken from the checkpointed file while the encrypted core stays open.
  core.ctx.vault.db.checkpoint('TRUNCATE');
  const dataKey = Buffer.from(core.ctx.vault.keyBufferForTest() ?? Buffer.alloc(0));
  const plainCore = plainCopy(encDir, join(root, 'plain'), dataKey, SEED_ORIGIN);
  dataKey.fill(0);
  const desk = core.ctx.sessions.get(WINDOW);
  if (!desk) throw new Error('bench session missing');
  plainCore.ctx.sessions.start({ ...desk });

  // Warm up both: the first calls compile statements and fill the page caches.
  for (const c of [core, plainCore]) {
    for (const q of queries.slice(0, 300)) await call(c, 'clients.search', { query: q, limit: 50 });
  }
  const searchRun = await measurePair(
    queries,
    (q) => call(core, 'clients.search', { query: q, limit: 50 }),
    (q) => call(plainCore, 'clients.search', { query: q, limit: 50 }),
  );
  const openRun = await measurePair(
    ids,
    (clientId) => call(core, 'clients.get', { clientId }),
    (clientId) => call(plainCore, 'clients.get', { clientId }),
  );
  await core.shutdown();
  plainCore.ctx.vault.db.close();
  const encrypted = { search: stats(searchRun.encrypted), open: stats(openRun.encrypted) };
  const plain = { search: stats(searchRun.plain), open: stats(openRun.plain) };

  const rows: Row[] = [
    {
      operation: 'client type-ahead search',
      encrypted: encrypted.search,
      plain: plain.search,
      target: 'p95 < 2 ms, < 1.3x',
      pass: encrypted.search.p95 < 2 && encrypted.search.p95 / plain.search.p95 < 1.3,
    },
    {
      operation: 'chart open (with audit entry)',
      encrypted: encrypted.open,
      plain: plain.open,
      target: 'p95 < 5 ms, < 1.3x',
      pass: encrypted.open.p95 < 5 && encrypted.open.p95 / plain.open.p95 < 1.3,
    },
  ];
  log('');
  log(table(rows));
  mkdirSync('bench-results', { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    clients: CLIENTS,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    results: rows,
  };
  writeFileSync('bench-results/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  log('\nbench-results/bench.json written');
  if (rows.some((r) => !r.pass)) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
