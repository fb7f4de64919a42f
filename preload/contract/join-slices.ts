// Builds the contract from its slices (one per file in this folder; a large one split into parts,
// one file each, in a folder of its name) and refuses, when the module loads, a contract that would
// hide a mistake: a channel name defined in two slices or two parts (an object spread would keep only
// the last one, silently), a channel whose prefix (the text before the first '.') its slice does not
// own, a prefix owned by two slices, and a prefix a slice owns but does not use. So every `prefix.*`
// channel lives in exactly one slice, the one that says it owns that prefix.
import type { ChannelDef } from './common.ts';

/** A file's channels and the channel-name prefixes it owns (every channel's prefix must be one). */
export interface Slice {
  readonly owns: readonly string[];
  readonly channels: Readonly<Record<string, ChannelDef>>;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** One object type holding every channel of a union of channel records, each with its exact type. */
type Merged<U> = UnionToIntersection<U> extends infer J ? { readonly [K in keyof J]: J[K] } : never;

/** The joined contract: every slice's channels in one object type, with each channel's exact type. */
export type Joined<S extends Readonly<Record<string, Slice>>> = Merged<S[keyof S]['channels']>;

/** A slice split over several files: its parts' channels in one object type. */
export type JoinedParts<P extends Readonly<Record<string, Readonly<Record<string, ChannelDef>>>>> = Merged<
  P[keyof P]
>;

const prefixOf = (name: string): string => name.slice(0, Math.max(0, name.indexOf('.')));

/**
 * Joins named slices into one contract, in the order given. Throws (naming the channel or prefix)
 * on a duplicate channel, a channel outside its slice's prefixes, a prefix two slices claim, or a
 * prefix a slice claims without a channel.
 */
export function joinSlices<const S extends Readonly<Record<string, Slice>>>(slices: S): Joined<S> {
  const joined: Record<string, ChannelDef> = {};
  const sliceOfChannel = new Map<string, string>();
  const ownerOfPrefix = new Map<string, string>();
  for (const [sliceName, slice] of Object.entries(slices)) {
    for (const prefix of slice.owns) {
      const owner = ownerOfPrefix.get(prefix);
      if (owner !== undefined) {
        throw new Error(
          `Contract: prefix '${prefix}' is owned by both the '${owner}' and '${sliceName}' slices.`,
        );
      }
      ownerOfPrefix.set(prefix, sliceName);
    }
  }
  for (const [sliceName, slice] of Object.entries(slices)) {
    for (const [name, def] of Object.entries(slice.channels)) {
      const first = sliceOfChannel.get(name);
      if (first !== undefined) {
        throw new Error(
          `Contract: channel '${name}' is defined in both the '${first}' and '${sliceName}' slices.`,
        );
      }
      const prefix = prefixOf(name);
      if (!slice.owns.includes(prefix)) {
        const home = ownerOfPrefix.get(prefix);
        throw new Error(
          `Contract: channel '${name}' is in the '${sliceName}' slice, which owns only ${slice.owns.map((p) => `'${p}.*'`).join(', ')}` +
            (home === undefined ? `; no slice owns '${prefix}.*'.` : `; move it to the '${home}' slice.`),
        );
      }
      sliceOfChannel.set(name, sliceName);
      joined[name] = def;
    }
    const unused = slice.owns.find(
      (prefix) => !Object.keys(slice.channels).some((n) => prefixOf(n) === prefix),
    );
    if (unused !== undefined) {
      throw new Error(`Contract: the '${sliceName}' slice owns '${unused}.*' but has no such channel.`);
    }
  }
  return joined as Joined<S>;
}

/**
 * Joins the parts of one slice that is split over several files (one per responsibility, all under
 * the slice's prefixes), in the order given. Throws, naming the channel and both parts, on a channel
 * defined in two parts; joinSlices then checks the joined channels like any other slice's.
 */
export function joinParts<const P extends Readonly<Record<string, Readonly<Record<string, ChannelDef>>>>>(
  sliceName: string,
  parts: P,
): JoinedParts<P> {
  const joined: Record<string, ChannelDef> = {};
  const partOfChannel = new Map<string, string>();
  for (const [partName, channels] of Object.entries(parts)) {
    for (const [name, def] of Object.entries(channels)) {
      const first = partOfChannel.get(name);
      if (first !== undefined) {
        throw new Error(
          `Contract: channel '${name}' is defined in both the '${sliceName}/${first}' and '${sliceName}/${partName}' parts.`,
        );
      }
      partOfChannel.set(name, partName);
      joined[name] = def;
    }
  }
  return joined as JoinedParts<P>;
}
