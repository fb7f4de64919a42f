// Shared pieces of the benchmark: calling the router, and paired measurement.
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

/**
 * Runs each operation on both databases, alternating which goes first, so that whatever else
 * the machine is doing weighs on both sides of the ratio alike.
 */
export async function measurePair<T>(
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

export interface Pair {
  enc: Core;
  plain: Core;
}
