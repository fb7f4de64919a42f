// Shared pieces of the benchmark: calling the router, paired measurement, and the IPC wait
// while something long runs.
import type { Core } from '../../main/core/index.ts';
import type { Channel, Input, Output } from '../../preload/contract.ts';
import { call as callCore } from '../helpers/core-call.ts';

/**
 * One call as it reaches main over IPC: in a task of its own (Electron's ipcMain dispatches each
 * message from the event loop), so that what main has queued meanwhile (a worker's reply, a
 * timer) runs between two calls, as it does in the app. Called back to back from one async loop
 * instead, the calls would starve the event loop: no worker could report back until the loop ends.
 */
export async function call<C extends Channel>(
  core: Core,
  windowId: string,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  await new Promise((resolve) => setImmediate(resolve));
  return callCore(core, windowId, channel, input);
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

/** Answers a cheap call for `windowId` over and over while `work` runs; returns each call's wait. */
export async function waitsDuring(
  core: Core,
  windowId: string,
  work: () => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  const flag = { running: true };
  const pinger = (async () => {
    while (flag.running) {
      const t = performance.now();
      await call(core, windowId, 'notes.myDrafts', {});
      latencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    await work();
  } finally {
    flag.running = false;
    await pinger;
  }
  return latencies;
}
