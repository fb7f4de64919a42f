// The synthetic practice's diagnoses: each client gets one to three, through the same channel and
// code rule as the Diagnoses tab, mostly the common outpatient codes, now and then a Z code for a
// family circumstance (not in the shipped list, so entered with its words) as a secondary one.
import type { Channel, Input, Output } from '../../../preload/contract.ts';
import type { Random } from './synthetic.ts';

type Call = <C extends Channel>(channel: C, input: Input<C>, windowId?: string) => Promise<Output<C>>;

/** Codes an outpatient practice records most; their words come from the shipped list. */
const COMMON = [
  'F41.1',
  'F32.1',
  'F33.1',
  'F43.10',
  'F43.23',
  'F43.22',
  'F90.0',
  'F41.0',
  'F40.10',
  'F42.2',
  'F34.1',
  'F50.2',
];
const Z_CODES = [
  { code: 'Z63.0', description: 'Problems in relationship with spouse or partner' },
  { code: 'Z63.5', description: 'Disruption of family by separation and divorce' },
  { code: 'Z56.0', description: 'Unemployment, unspecified' },
];

export async function seedDiagnoses(
  call: Call,
  r: Random,
  clientId: string,
  today: string,
  window: string,
): Promise<void> {
  const count = r.int(1, 3);
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const z = i > 0 && r.chance(0.2) ? r.pick(Z_CODES) : null;
    const code = z?.code ?? r.pick(COMMON);
    if (used.has(code)) continue;
    used.add(code);
    const onset = new Date(Date.parse(`${today}T12:00:00Z`) - r.int(30, 1500) * 86_400_000);
    await call(
      'diagnoses.add',
      {
        clientId,
        code,
        ...(z ? { description: z.description } : {}),
        onsetDate: onset.toISOString().slice(0, 10),
        status: r.chance(0.15) ? 'in_remission' : 'active',
        part2: false,
      },
      window,
    );
  }
}
