// Builds a real practice for a test: a temp data folder, an encrypted database, real Argon2id,
// the real keychain where one runs. Everything goes through the router, as the renderer's calls do.
import { createCore, type Core, type TestSeams } from '../../main/core/index.ts';
import type { Clock } from '../../main/core/clock.ts';
import type { IdleSource } from '../../main/core/sessions/auto-lock.ts';
import type { Keychain } from '../../main/core/vault/keychain.ts';
import type { Channel, Input, Output, LockReason } from '../../preload/contract.ts';
import type { ErrorPayload, Result, Role } from '../../preload/contract/common.ts';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { testKeychain } from './keychain.ts';
import { checkPackage } from './package-check.ts';
import { tempDir } from './temp-dir.ts';

export const APP_ORIGIN = 'app://stillwater';

/** Synthetic people only: these names are obviously fictional. */
export const OWNER = {
  displayName: 'Dr. Imogen Testwell',
  username: 'itestwell',
  password: 'marble-kettle-orchard-77',
};

export const PRACTICE = {
  name: 'Lantern Hill Counseling (Synthetic)',
  addressLine1: '100 Example Way',
  city: 'Springfield',
  region: 'OR',
  postalCode: '97401',
  phone: '(555) 010-2000',
  privacyContact: 'Privacy Officer, Lantern Hill',
};

export interface TestPractice {
  core: Core;
  dir: string;
  keychain: Keychain;
  recoveryKey: string;
  locked: { windowId: string; reason: LockReason }[];
  /**
   * What the folder picker answers next (null: the person cancelled). `whilePicking`, when set, runs
   * (once) while the dialog is open: what a colleague does while this person chooses a folder.
   */
  folder: { next: string | null; whilePicking?: (() => Promise<void>) | undefined };
  /** Every event main sent, in order. */
  events: { windowId: string; event: string; payload: unknown }[];
  call<C extends Channel>(channel: C, input: Input<C>, windowId?: string): Promise<Result<Output<C>>>;
  ok<C extends Channel>(channel: C, input: Input<C>, windowId?: string): Promise<Output<C>>;
  fail(channel: Channel, input: unknown, windowId?: string): Promise<ErrorPayload>;
  addStaff(
    role: 'clinician' | 'front_desk',
    name?: string,
  ): Promise<{ id: string; username: string; password: string }>;
  signIn(username: string, password: string, windowId?: string): Promise<Output<'auth.signIn'>>;
  /** A new core over the same folder and keychain, as after an app restart. */
  restart(): TestPractice;
  /**
   * Shuts the core down and keeps its folder and keychain entries as a template for
   * makePractice({ from }) (one build per file, a fresh copy per test). Do not close it afterwards.
   */
  snapshot(): Promise<PracticeSnapshot>;
  close(): Promise<void>;
}

/** A closed practice's folder and keychain entries, copied for each test that starts from it. */
export interface PracticeSnapshot {
  dir: string;
  keychainEntries: ReadonlyMap<string, string>;
  recoveryKey: string;
  remove(): void;
}

let counter = 0;

export async function makePractice(
  options: {
    clock?: Clock;
    setup?: boolean;
    keychain?: Keychain;
    /** What only tests pass to the core (a full disk, a hook at each export stage, the key buffer). */
    testSeams?: TestSeams;
    /** The OS idle time the inactivity lock reads (by default none: activity reports extend nothing). */
    idle?: IdleSource;
    /** Starts from a copy of this closed practice (its folder and keychain entries) instead of a new one. */
    from?: PracticeSnapshot;
  } = {},
): Promise<TestPractice> {
  const dir = tempDir();
  const inner = options.keychain ?? (await testKeychain());
  // What the core stores in the keychain is remembered, so that a snapshot can carry it.
  const keychainEntries = new Map<string, string>();
  const keychain: Keychain = {
    get: (account) => inner.get(account),
    set: async (account, secret) => {
      await inner.set(account, secret);
      keychainEntries.set(account, secret);
    },
    delete: async (account) => {
      keychainEntries.delete(account);
      return inner.delete(account);
    },
  };
  if (options.from) {
    cpSync(options.from.dir, dir.path, { recursive: true });
    for (const [account, secret] of options.from.keychainEntries) await keychain.set(account, secret);
  }
  const shared: { folder: TestPractice['folder'] } = { folder: { next: null } };
  const build = (): TestPractice => {
    const locked: { windowId: string; reason: LockReason }[] = [];
    const events: { windowId: string; event: string; payload: unknown }[] = [];
    const folder = shared.folder;
    const core = createCore({
      dataDir: dir.path,
      keychain,
      clock: options.clock,
      allowedOrigins: [APP_ORIGIN],
      pickFolder: async () => {
        const meanwhile = folder.whilePicking;
        folder.whilePicking = undefined;
        await meanwhile?.();
        return folder.next;
      },
      pickPath: () => Promise.resolve(folder.next),
      testSeams: options.testSeams,
      idle: options.idle,
      onEvent: (windowId, event, payload) => {
        events.push({ windowId, event, payload });
        if (event === 'session.locked')
          locked.push({ windowId, reason: (payload as { reason: LockReason }).reason });
      },
    });
    const call = async (channel: string, input: unknown, windowId = 'w1') => {
      const result = await core.router.handle({ windowId, origin: APP_ORIGIN }, channel, input);
      // Every package a test produces is checked as a recipient would read it (FHIR R4 schema, PDF text).
      if (result.ok && (channel === 'releases.export' || channel === 'releases.exportDenialLetter')) {
        const written = result.value as { packageName: string } | null;
        if (written && folder.next) {
          const password = (input as { password?: string }).password;
          await checkPackage(join(folder.next, written.packageName), password);
        }
      }
      return result;
    };
    const practice: TestPractice = {
      core,
      dir: dir.path,
      keychain: inner,
      recoveryKey: '',
      locked,
      events,
      folder,
      call: call as TestPractice['call'],
      async ok(channel, input, windowId) {
        const r = await call(channel, input, windowId);
        if (!r.ok)
          throw new Error(
            `${channel} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fields ?? [])}`,
          );
        return r.value as never;
      },
      async fail(channel, input, windowId) {
        const r = await call(channel, input, windowId);
        if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
        return r.error;
      },
      async addStaff(role: Role & ('clinician' | 'front_desk'), name?: string) {
        counter += 1;
        const username = `${role === 'clinician' ? 'clin' : 'desk'}${String(counter)}`;
        const password = `temporary-lilac-${String(counter)}-harbor`;
        const member = await practice.ok('staff.create', {
          displayName: name ?? `Test ${role === 'clinician' ? 'Clinician' : 'Desk'} ${String(counter)}`,
          username,
          role,
          temporaryPassword: password,
        });
        return { id: member.id, username, password };
      },
      signIn: (username, password, windowId) => practice.ok('auth.signIn', { username, password }, windowId),
      restart: () => {
        const next = build();
        next.recoveryKey = practice.recoveryKey;
        return next;
      },
      async close() {
        await core.shutdown();
      },
      async snapshot() {
        await core.shutdown();
        return {
          dir: dir.path,
          keychainEntries: new Map(keychainEntries),
          recoveryKey: practice.recoveryKey,
          remove: () => {
            dir.remove();
          },
        };
      },
    };
    return practice;
  };
  const practice = build();
  const origClose = practice.close.bind(practice);
  practice.close = async () => {
    await origClose();
    dir.remove();
  };
  if (options.from) practice.recoveryKey = options.from.recoveryKey;
  else if (options.setup !== false) {
    const result = await practice.ok('setup.createPractice', { practice: PRACTICE, owner: OWNER });
    practice.recoveryKey = result.recoveryKey;
  }
  return practice;
}

/** A staff member added by the owner, signed in at `window` and past their temporary password. */
export async function signedInStaff(
  p: TestPractice,
  role: 'clinician' | 'front_desk',
  name: string,
  window: string,
): Promise<{ id: string; username: string; password: string }> {
  const s = await p.addStaff(role, name);
  await p.signIn(s.username, s.password, window);
  const next = `${s.username}-granite-osprey-42`;
  await p.ok('auth.changePassword', { currentPassword: s.password, newPassword: next }, window);
  return { ...s, password: next };
}
