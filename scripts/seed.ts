// npm run seed -- --clients N [--dir <data folder>] [--notes-per-client M] [--seed S]
// Builds a synthetic practice (obviously fictional people) in a new data folder, with the real
// encryption and the OS keychain, and prints the demo accounts.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../main/core/index.ts';
import { SEED_ORIGIN, seedPractice } from '../main/core/demo/index.ts';
import { keytarKeychain } from '../main/core/vault/index.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    'notes-per-client': { type: 'string', default: '0' },
    dir: { type: 'string', default: 'demo-data' },
    seed: { type: 'string', default: '20260301' },
    'keychain-service': { type: 'string', default: 'Stillwater-Seed' },
  },
});

const clients = Number(values.clients);
const notes = Number(values['notes-per-client']);
if (!Number.isInteger(clients) || clients < 0 || clients > 200_000) {
  console.error('--clients must be a whole number from 0 to 200000');
  process.exit(2);
}
if (!Number.isInteger(notes) || notes < 0 || notes > 500) {
  console.error('--notes-per-client must be a whole number from 0 to 500');
  process.exit(2);
}
const dir = resolve(values.dir);
if (existsSync(dir) && readdirSync(dir).length > 0) {
  console.error(`${dir} is not empty: choose a new folder (the seed never overwrites a practice).`);
  process.exit(2);
}

const started = performance.now();
const core = createCore({
  dataDir: dir,
  keychain: keytarKeychain(values['keychain-service']),
  allowedOrigins: [SEED_ORIGIN],
});
const result = await seedPractice(core, {
  clients,
  seed: Number(values.seed),
  notesPerClient: notes,
  onProgress: (done, total) => {
    process.stdout.write(`  ${String(done)}/${String(total)} clients\r`);
  },
});
await core.shutdown();
console.log(
  `\nSynthetic practice in ${dir} (${String(clients)} clients, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(`Keychain service: ${values['keychain-service']}`);
console.table(result.accounts.map((a) => ({ role: a.role, username: a.username, password: a.password })));
