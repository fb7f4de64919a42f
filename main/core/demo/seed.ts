// Builds a synthetic practice through the same router the renderer uses: staff, clients (some
// minors with guardians), intakes with consents, PHQ-9/GAD-7 series and diagnoses. Used by `npm run
// seed`, the demo practice (`npm start -- --demo`), the end-to-end tests and the benchmark.
import type { Core } from '../index.ts';
import { seedDiagnoses } from './seed-diagnoses.ts';
import { seedPlan } from './seed-plans.ts';
import { seedNotes } from './seed-notes.ts';
import type { Channel, Input, Output } from '../../../preload/contract.ts';
import { ageOn } from '../../../preload/contract/clients.ts';
import {
  FIRST_NAMES,
  LAST_NAMES,
  fictionalAddress,
  fictionalCarrier,
  fictionalDateOfBirth,
  fictionalPhone,
  fictionalReferral,
  seededRandom,
  type Random,
} from './synthetic.ts';

export interface SeedOptions {
  clients: number;
  seed?: number;
  /** Share of clients given a completed intake and screenings (0..1). */
  intakeShare?: number;
  /** Signed progress notes per client (weekly, from early 2024). */
  notesPerClient?: number;
  /** Share of clients with a treatment plan signed by both (0..1; 0.75 unless given). */
  planShare?: number;
  /** Called every 500 clients, then for every batch of notes. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedAccount {
  role: 'owner' | 'clinician' | 'front_desk';
  displayName: string;
  username: string;
  password: string;
}

export interface SeedResult {
  accounts: SeedAccount[];
  recoveryKey: string;
  clientIds: string[];
}

/** Demo passwords: strong enough for the policy, printed for the person running the demo. */
export const DEMO_PASSWORD = 'demo-lantern-orchard-2026';

const SEED_WINDOW = 'seed';

export async function seedPractice(core: Core, options: SeedOptions): Promise<SeedResult> {
  const r = seededRandom(options.seed ?? 20260301);
  const call = async <C extends Channel>(
    channel: C,
    input: Input<C>,
    windowId = SEED_WINDOW,
  ): Promise<Output<C>> => {
    const result = await core.router.handle({ windowId, origin: SEED_ORIGIN }, channel, input);
    if (!result.ok) throw new Error(`seed: ${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as Output<C>;
  };
  const owner: SeedAccount = {
    role: 'owner',
    displayName: 'Dr. Marlowe Ashgrove (demo)',
    username: 'demo.owner',
    password: DEMO_PASSWORD,
  };
  const setup = await call('setup.createPractice', {
    practice: {
      name: 'Lantern Hill Counseling (demo)',
      addressLine1: '100 Example Way, Suite 2',
      city: 'Springfield',
      region: 'OR',
      postalCode: '97401',
      phone: '(555) 010-2000',
      privacyContact: 'Privacy Officer, Lantern Hill Counseling (demo)',
    },
    owner: { displayName: owner.displayName, username: owner.username, password: owner.password },
  });
  await call('setup.confirmRecoveryKey', { recoveryKey: setup.recoveryKey });

  // Bulk load: the seed accepts losing itself to a power cut; durability is restored below.
  const sqlite = core.ctx.vault.db.sqlite;
  sqlite.pragma('synchronous=OFF');
  try {
    const accounts: SeedAccount[] = [owner];
    const clinicianCount = Math.min(12, Math.max(2, Math.ceil(options.clients / 1200)));
    const clinicians: { id: string; window: string }[] = [{ id: setup.session.user.id, window: SEED_WINDOW }];
    for (let i = 0; i < clinicianCount + 2; i++) {
      const role = i < clinicianCount ? ('clinician' as const) : ('front_desk' as const);
      const first = FIRST_NAMES[(i * 7 + 3) % FIRST_NAMES.length] ?? 'Demo';
      const last = LAST_NAMES[(i * 11 + 5) % LAST_NAMES.length] ?? 'Person';
      const account: SeedAccount = {
        role,
        displayName: role === 'clinician' ? `${first} ${last}, LCSW (demo)` : `${first} ${last} (demo)`,
        username: `demo.${role === 'clinician' ? 'clinician' : 'desk'}${String(role === 'clinician' ? i + 1 : i - clinicianCount + 1)}`,
        password: DEMO_PASSWORD,
      };
      const member = await call('staff.create', {
        displayName: account.displayName,
        username: account.username,
        role,
        temporaryPassword: `${DEMO_PASSWORD}-temp`,
        credentials: role === 'clinician' ? 'LCSW' : undefined,
        licenseNumber: role === 'clinician' ? `DEMO-${String(1000 + i)}` : undefined,
      });
      const window = `seed-${account.username}`;
      await call('auth.signIn', { username: account.username, password: `${DEMO_PASSWORD}-temp` }, window);
      await call(
        'auth.changePassword',
        { currentPassword: `${DEMO_PASSWORD}-temp`, newPassword: DEMO_PASSWORD },
        window,
      );
      if (role === 'clinician') clinicians.push({ id: member.id, window });
      else await core.endSession(window, 'signed-out');
      accounts.push(account);
    }

    const today = new Date().toISOString().slice(0, 10);
    const clientIds: string[] = [];
    for (let n = 0; n < options.clients; n++) {
      const clinician = r.pick(clinicians);
      const client = await call('clients.create', syntheticClient(r, today, clinician.id));
      clientIds.push(client.id);
      if (r.chance(options.intakeShare ?? 0.25))
        await seedClinical(call, r, client.id, client.dateOfBirth, today, clinician.window);
      await seedDiagnoses(call, r, client.id, today, clinician.window);
      if (r.chance(options.planShare ?? 0.75))
        await seedPlan(
          call,
          r,
          { id: client.id, name: `${client.legalFirstName} ${client.legalLastName}` },
          today,
          clinician.window,
        );
      if (r.chance(0.08)) {
        await call(
          'clients.setStatus',
          {
            clientId: client.id,
            status: r.chance(0.5) ? 'inactive' : 'discharged',
            effectiveDate: today,
            reason: 'Synthetic: treatment goals met',
          },
          clinician.window,
        );
      }
      if ((n + 1) % 500 === 0) options.onProgress?.(n + 1, options.clients);
    }
    if (options.notesPerClient) {
      await seedNotes(core, { notesPerClient: options.notesPerClient, onProgress: options.onProgress });
    }
    for (const c of clinicians.slice(1)) await core.endSession(c.window, 'signed-out');
    await core.endSession(SEED_WINDOW, 'signed-out');
    return { accounts, recoveryKey: setup.recoveryKey, clientIds };
  } finally {
    if (core.ctx.vault.isOpen) sqlite.pragma('synchronous=FULL');
  }
}

/** The origin the seed's calls carry; createCore must list it (the demo and scripts do). */
export const SEED_ORIGIN = 'stillwater-seed://local';

function syntheticClient(r: Random, today: string, primaryClinicianId: string): Input<'clients.create'> {
  const minor = r.chance(0.15);
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const phone = fictionalPhone(r);
  const email = `${first}.${last}${String(r.int(1, 99))}@example.com`.toLowerCase();
  const texts = r.chance(0.6);
  return {
    legalFirstName: first,
    legalLastName: last,
    preferredName: r.chance(0.2) ? r.pick(FIRST_NAMES) : undefined,
    pronouns: r.pick(['she/her', 'he/him', 'they/them', undefined]),
    dateOfBirth: fictionalDateOfBirth(r, today, minor),
    genderIdentity: undefined,
    phone,
    email,
    address: fictionalAddress(r),
    communication: {
      voicemailOk: r.chance(0.8),
      voicemailNumber: phone,
      textOk: texts,
      textNumber: texts ? phone : undefined,
      emailOk: r.chance(0.5),
      emailAddress: email,
    },
    insurance:
      minor || r.chance(0.3)
        ? undefined
        : {
            carrier: fictionalCarrier(r),
            memberId: `EX${String(r.int(100000, 999999))}`,
            subscriberName: `${first} ${last}`,
            subscriberRelation: 'self',
          },
    emergencyContact: {
      name: `${r.pick(FIRST_NAMES)} ${last}`,
      relation: r.pick(['Sibling', 'Partner', 'Friend', 'Parent']),
      phone: fictionalPhone(r),
    },
    referralSource: fictionalReferral(r),
    primaryClinicianId,
    guardians: minor
      ? [
          {
            name: `${r.pick(FIRST_NAMES)} ${last}`,
            relation: r.pick(['Mother', 'Father', 'Grandmother']),
            phone: fictionalPhone(r),
            legalAuthority: 'parent',
          },
        ]
      : [],
  };
}

type Call = <C extends Channel>(channel: C, input: Input<C>, windowId?: string) => Promise<Output<C>>;

async function seedClinical(
  call: Call,
  r: Random,
  clientId: string,
  dob: string,
  today: string,
  window: string,
): Promise<void> {
  const minor = ageOn(dob, today) < 18;
  await call(
    'intake.save',
    {
      clientId,
      presentingConcern: r.pick([
        'Synthetic: low mood and withdrawal for several months.',
        'Synthetic: worry and trouble sleeping since a job change.',
        'Synthetic: grief after a family loss.',
        'Synthetic: panic episodes on the commute.',
      ]),
      psychiatricHistory: 'Synthetic: no prior hospitalizations.',
      medicalHistory: 'Synthetic: none significant.',
      medications: r.pick(['None', 'Synthetic: sertraline 50 mg daily']),
      substanceUse: 'Synthetic: denies use beyond occasional alcohol.',
      substanceUsePart2: false,
      risk: {
        suicidalIdeation: 'none',
        suicidePlan: false,
        suicideIntent: false,
        accessToMeans: false,
        selfHarmHistory: false,
        homicidalIdeation: false,
        protectiveFactors: 'Synthetic: supportive family, engaged in work.',
        level: 'low',
      },
    },
    window,
  );
  const signature = minor
    ? {
        signerName: 'Guardian (demo)',
        signerRole: 'parent' as const,
        authority: 'Parent with legal custody',
        signedOn: today,
      }
    : { signerName: 'Client (demo)', signerRole: 'client' as const, signedOn: today };
  for (const kind of ['treatment', 'privacy_notice'] as const) {
    await call(
      'consents.record',
      { clientId, kind, givenOn: today, basis: minor ? 'guardian' : 'client', signatures: [signature] },
      window,
    );
  }
  await call('intake.complete', { clientId }, window);
  let level = r.int(1, 3);
  for (let week = 6; week >= 0; week -= 2) {
    const day = new Date(Date.parse(`${today}T12:00:00Z`) - week * 7 * 86_400_000).toISOString().slice(0, 10);
    const items = (n: number) =>
      Array.from({ length: n }, () => Math.max(0, Math.min(3, level + r.int(-1, 0))));
    await call(
      'screenings.record',
      {
        clientId,
        instrument: 'phq9',
        administeredOn: day,
        items: items(9),
        context: week === 6 ? 'intake' : 'follow_up',
      },
      window,
    );
    await call(
      'screenings.record',
      {
        clientId,
        instrument: 'gad7',
        administeredOn: day,
        items: items(7),
        context: week === 6 ? 'intake' : 'follow_up',
      },
      window,
    );
    if (r.chance(0.6)) level = Math.max(0, level - 1);
  }
}
