// The keychain for tests: the real OS keychain through keytar, under a service name of its own.
// Where no Secret Service runs (a developer laptop without one) it falls back to an in-memory
// keychain with a warning; under CI=true a missing Secret Service fails the run instead.
import { randomUUID } from 'node:crypto';
import { keytarKeychain, type Keychain } from '../../main/core/vault/keychain.ts';

let probe: Promise<boolean> | null = null;

export function secretServiceAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const k = keytarKeychain(`Stillwater-probe-${randomUUID()}`);
    try {
      await k.set('probe', 'x');
      const ok = (await k.get('probe')) === 'x';
      await k.delete('probe');
      return ok;
    } catch {
      return false;
    }
  })();
  return probe;
}

export function memoryKeychain(): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (a) => Promise.resolve(entries.get(a) ?? null),
    set: (a, s) => {
      entries.set(a, s);
      return Promise.resolve();
    },
    delete: (a) => Promise.resolve(entries.delete(a)),
  };
}

let warned = false;

/** A keychain isolated to one test practice. */
export async function testKeychain(): Promise<Keychain> {
  if (await secretServiceAvailable()) return keytarKeychain(`Stillwater-test-${randomUUID()}`);
  if (process.env.CI)
    throw new Error(
      'CI=true but no Secret Service is running: start gnome-keyring (scripts/with-keyring.sh)',
    );
  if (!warned) {
    warned = true;
    process.stderr.write(
      '[tests] No Secret Service: using an in-memory keychain. Run under scripts/with-keyring.sh for the real one.\n',
    );
  }
  return memoryKeychain();
}
