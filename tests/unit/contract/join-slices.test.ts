// The contract is joined from slices by a function that cannot hide a mistake: a channel named in
// two slices, a channel outside its slice's prefixes, or a prefix two slices claim is refused when
// the contract module loads, naming the channel (an object spread would keep the last one silently).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  contract,
  contractSlices,
  type Channel,
  type Input,
  type Output,
} from '../../../preload/contract.ts';
import { channel } from '../../../preload/contract/common.ts';
import { joinSlices } from '../../../preload/contract/join-slices.ts';

/** True when each of A and B is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const ping = channel({
  input: z.strictObject({}),
  output: z.strictObject({ at: z.string() }),
  access: 'session',
});
const pong = channel({ input: z.strictObject({ n: z.number() }), output: z.number(), access: ['owner'] });

describe('joinSlices', () => {
  it('refuses a channel defined in two slices, naming it and both slices', () => {
    const build = () =>
      joinSlices({
        first: { owns: ['clock'], channels: { 'clock.ping': ping } },
        second: { owns: ['echo'], channels: { 'echo.pong': pong, 'clock.ping': pong } },
      });
    expect(build).toThrow(
      "Contract: channel 'clock.ping' is defined in both the 'first' and 'second' slices.",
    );
  });

  it('refuses a duplicate planted in the real contract', () => {
    const planted = {
      ...contractSlices,
      stray: { owns: ['stray'], channels: { 'stray.ping': ping, 'staff.list': ping } },
    };
    expect(() => joinSlices(planted)).toThrow(
      "Contract: channel 'staff.list' is defined in both the 'staff' and 'stray' slices.",
    );
  });

  it('refuses a channel whose prefix its slice does not own, and says where it belongs', () => {
    expect(() =>
      joinSlices({
        clock: { owns: ['clock'], channels: { 'clock.ping': ping } },
        echo: { owns: ['echo'], channels: { 'echo.pong': pong, 'clock.tick': ping } },
      }),
    ).toThrow(
      "Contract: channel 'clock.tick' is in the 'echo' slice, which owns only 'echo.*'; move it to the 'clock' slice.",
    );
    expect(() => joinSlices({ echo: { owns: ['echo', 'reply'], channels: { 'shout.pong': pong } } })).toThrow(
      "Contract: channel 'shout.pong' is in the 'echo' slice, which owns only 'echo.*', 'reply.*'; no slice owns 'shout.*'.",
    );
    expect(() => joinSlices({ echo: { owns: ['echo'], channels: { pong } } })).toThrow(
      "Contract: channel 'pong' is in the 'echo' slice",
    );
  });

  it('refuses a prefix claimed by two slices', () => {
    expect(() =>
      joinSlices({
        clock: { owns: ['clock'], channels: { 'clock.ping': ping } },
        timer: { owns: ['timer', 'clock'], channels: { 'timer.pong': pong } },
      }),
    ).toThrow("Contract: prefix 'clock' is owned by both the 'clock' and 'timer' slices.");
  });

  it('refuses a prefix a slice owns without a channel under it', () => {
    expect(() => joinSlices({ echo: { owns: ['echo', 'reply'], channels: { 'echo.pong': pong } } })).toThrow(
      "Contract: the 'echo' slice owns 'reply.*' but has no such channel.",
    );
  });

  it('joins distinct slices into one contract with every channel, each with its exact type', () => {
    const joined = joinSlices({
      clock: { owns: ['clock'], channels: { 'clock.ping': ping } },
      echo: { owns: ['echo', 'reply'], channels: { 'echo.pong': pong, 'reply.pong': pong } },
    });
    expect(Object.keys(joined)).toEqual(['clock.ping', 'echo.pong', 'reply.pong']);
    expect(joined['echo.pong']).toBe(pong);
    expectTypeOf(joined).toEqualTypeOf<{
      readonly 'clock.ping': typeof ping;
      readonly 'echo.pong': typeof pong;
      readonly 'reply.pong': typeof pong;
    }>();
  });
});

describe('the real contract', () => {
  const slices = Object.values(contractSlices);

  it('holds every channel of every slice, none lost to a duplicate', () => {
    const sizes = slices.map((s) => Object.keys(s.channels).length);
    expect(Object.keys(contract)).toHaveLength(sizes.reduce((a, b) => a + b, 0));
    for (const slice of slices) {
      for (const [name, def] of Object.entries(slice.channels)) expect(contract[name as Channel]).toBe(def);
    }
  });

  it('keeps every channel’s exact type (what a spread of the slices would give)', () => {
    const spread = {
      ...contractSlices.auth.channels,
      ...contractSlices.practice.channels,
      ...contractSlices.staff.channels,
      ...contractSlices.audit.channels,
      ...contractSlices.clients.channels,
      ...contractSlices.intake.channels,
      ...contractSlices.drafts.channels,
      ...contractSlices.notes.channels,
      ...contractSlices.session.channels,
      ...contractSlices.releases.channels,
      ...contractSlices.backup.channels,
    } as const;
    expect(contract).toEqual(spread);
    expectTypeOf<keyof typeof contract>().toEqualTypeOf<keyof typeof spread>();
    expectTypeOf<Same<typeof contract, typeof spread>>().toEqualTypeOf<true>();
    expectTypeOf<Input<'staff.setSupervisor'>>().toEqualTypeOf<{
      superviseeId: string;
      supervisorId: string | null;
    }>();
    expectTypeOf<Output<'staff.directory'>>().toEqualTypeOf<
      { id: string; displayName: string; role: 'owner' | 'clinician' | 'front_desk' }[]
    >();
  });
});
