// The OS keychain seam: holds the per-practice device secret (macOS Keychain, Windows
// Credential Manager, Secret Service on Linux) through keytar.
import { AppError } from '../errors.ts';

export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const unavailable = (): AppError =>
  new AppError(
    'KEYCHAIN_UNAVAILABLE',
    "Stillwater could not reach this computer's keychain. Sign in to the computer again, or ask your IT contact to check the keychain service.",
  );

/** keytar is loaded lazily so that a missing Secret Service becomes a clear error, not a crash. */
export function keytarKeychain(service = 'Stillwater'): Keychain {
  let loaded: Promise<KeytarModule> | null = null;
  const keytar = async (): Promise<KeytarModule> => {
    loaded ??= import('keytar').then(
      (m: { default?: KeytarModule } & Partial<KeytarModule>) => m.default ?? (m as KeytarModule),
    );
    return loaded;
  };
  const guard = async <T>(op: (k: KeytarModule) => Promise<T>): Promise<T> => {
    try {
      return await op(await keytar());
    } catch {
      throw unavailable();
    }
  };
  return {
    get: (account) => guard((k) => k.getPassword(service, account)),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) => guard((k) => k.deletePassword(service, account)),
  };
}
