// One router call to a core built outside makePractice (the bench, the restore test's seeded
// practice), from a window of the seed's origin; a refusal throws with its code.
import type { Core } from '../../main/core/index.ts';
import { SEED_ORIGIN } from '../../main/core/demo/seed.ts';
import type { Channel, Input, Output } from '../../preload/contract.ts';

export async function call<C extends Channel>(
  core: Core,
  windowId: string,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const r = await core.router.handle({ windowId, origin: SEED_ORIGIN }, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as Output<C>;
}
