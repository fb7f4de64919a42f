// The contract is joined from slices by a function that cannot hide a mistake: a channel named in
// two slices (or in two parts of a split slice), a channel outside its slice's prefixes, or a prefix
// two slices claim is refused when the contract module loads, naming the channel (an object spread
// would keep the last one silently).
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
import { joinParts, joinSlices } from '../../../preload/contract/join-slices.ts';
import { releaseAuthorizationChannels } from '../../../preload/contract/releases/authorizations.ts';
import { releasePackageChannels } from '../../../preload/contract/releases/packages.ts';
import { releaseRequestChannels } from '../../../preload/contract/releases/requests.ts';
import { releaseReviewChannels } from '../../../preload/contract/releases/review.ts';

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

describe('joinParts (a slice split over several files)', () => {
  it('refuses a channel defined in two parts, naming it and both parts', () => {
    expect(() =>
      joinParts('clock', {
        ticks: { 'clock.ping': ping },
        alarms: { 'clock.pong': pong, 'clock.ping': pong },
      }),
    ).toThrow(
      "Contract: channel 'clock.ping' is defined in both the 'clock/ticks' and 'clock/alarms' parts.",
    );
  });

  it('refuses a duplicate planted in the real releases parts', () => {
    expect(() =>
      joinParts('releases', {
        requests: releaseRequestChannels,
        authorizations: releaseAuthorizationChannels,
        review: { ...releaseReviewChannels, 'releases.get': releaseRequestChannels['releases.get'] },
        packages: releasePackageChannels,
      }),
    ).toThrow(
      "Contract: channel 'releases.get' is defined in both the 'releases/requests' and 'releases/review' parts.",
    );
  });

  it('leaves the prefix check to joinSlices: a part with a channel outside its slice’s prefixes is refused', () => {
    expect(() =>
      joinSlices({
        clock: {
          owns: ['clock'],
          channels: joinParts('clock', { ticks: { 'clock.ping': ping }, stray: { 'echo.pong': pong } }),
        },
      }),
    ).toThrow(
      "Contract: channel 'echo.pong' is in the 'clock' slice, which owns only 'clock.*'; no slice owns 'echo.*'.",
    );
  });

  it('joins the parts into one slice with every channel, each with its exact type', () => {
    const joined = joinParts('clock', { ticks: { 'clock.ping': ping }, alarms: { 'clock.pong': pong } });
    expect(Object.keys(joined)).toEqual(['clock.ping', 'clock.pong']);
    expect(joined['clock.pong']).toBe(pong);
    expectTypeOf(joined).toEqualTypeOf<{
      readonly 'clock.ping': typeof ping;
      readonly 'clock.pong': typeof pong;
    }>();
  });

  it('keeps every releases channel of every part in the real releases slice', () => {
    const parts = [
      releaseRequestChannels,
      releaseAuthorizationChannels,
      releaseReviewChannels,
      releasePackageChannels,
    ];
    expect(Object.keys(contractSlices.releases.channels)).toHaveLength(
      parts.reduce((n, part) => n + Object.keys(part).length, 0),
    );
    for (const part of parts) {
      for (const [name, def] of Object.entries(part)) expect(contract[name as Channel]).toBe(def);
    }
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
      ...contractSlices.noteTemplates.channels,
      ...contractSlices.diagnoses.channels,
      ...contractSlices.emergencyAccess.channels,
      ...contractSlices.cover.channels,
      ...contractSlices.session.channels,
      ...contractSlices.secondFactor.channels,
      ...contractSlices.releases.channels,
      ...contractSlices.disclosures.channels,
      ...contractSlices.backup.channels,
      ...contractSlices.due.channels,
      ...contractSlices.retention.channels,
      ...contractSlices.denialReviews.channels,
      ...contractSlices.suspensions.channels,
      ...contractSlices.restrictions.channels,
      ...contractSlices.amendments.channels,
      ...contractSlices.plans.channels,
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
