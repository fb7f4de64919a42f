// Synthetic people for demos, tests and benchmarks: realistic in shape, obviously fictional
// (555-01xx phone numbers, example.com addresses, invented surnames). Deterministic from a seed.

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, deterministic; not for anything secret. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p) => next() < p,
  };
}

export const FIRST_NAMES = [
  'Avery',
  'Blake',
  'Cameron',
  'Dana',
  'Elliot',
  'Finley',
  'Gray',
  'Harper',
  'Indigo',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Oakley',
  'Parker',
  'Quinn',
  'Reese',
  'Sage',
  'Taylor',
  'Umber',
  'Vesper',
  'Wren',
  'Xen',
  'Yael',
  'Zephyr',
  'Alma',
  'Bruno',
  'Celeste',
  'Darius',
  'Esme',
  'Felix',
  'Greta',
  'Hugo',
  'Iris',
  'Jasper',
  'Kira',
  'Leon',
  'Mira',
  'Nico',
  'Opal',
  'Pilar',
  'Rafe',
  'Selma',
  'Tobias',
  'Una',
  'Vida',
  'Wendell',
  'Ximena',
  'Yusuf',
] as const;

// Invented surnames: plausible to the eye, found in no phone book.
export const LAST_NAMES = [
  'Ashgrove',
  'Brambleton',
  'Cinderwick',
  'Dapplemoor',
  'Emberlyn',
  'Fernhollow',
  'Glimmerfield',
  'Hazelbrook',
  'Ivywhistle',
  'Juniperlane',
  'Kettleborough',
  'Larkspurr',
  'Mossbeck',
  'Nettlefold',
  'Oakenshire',
  'Pebblecombe',
  'Quillfeather',
  'Rushwater',
  'Sorrelby',
  'Thistlemore',
  'Umberlee',
  'Vetchley',
  'Willowmere',
  'Yarrowdale',
  'Zinniaford',
  'Alderquist',
  'Birchenhall',
  'Copperbeech',
  'Driftmoor',
  'Elmsworthy',
  'Foxglover',
  'Gorsewell',
  'Heathercombe',
  'Inkberry',
  'Jessamyn',
  'Kestrelby',
  'Lichenfield',
  'Marshwick',
  'Nightjarrow',
  'Orchardine',
  'Primrosey',
  'Quarrystone',
  'Reedhampton',
  'Saltmarsh',
  'Tanglewood',
  'Underhallow',
  'Vervainy',
  'Wheatcroft',
  'Yewbarrow',
  'Zedwick',
] as const;

const STREETS = [
  'Example',
  'Sample',
  'Placeholder',
  'Fictional',
  'Demo',
  'Testing',
  'Mockup',
  'Specimen',
] as const;
const STREET_KINDS = ['Street', 'Avenue', 'Lane', 'Way', 'Court', 'Road'] as const;
const CARRIERS = [
  'Example Health Plan',
  'Sample Mutual',
  'Demo Care Alliance',
  'Placeholder Benefits',
] as const;
const REFERRALS = [
  'Primary care (synthetic)',
  'Self-referred',
  'School counselor (synthetic)',
  'Website',
  'Former client',
] as const;

export const fictionalPhone = (r: Random): string =>
  `(555) 01${String(r.int(0, 9))}-${String(r.int(1000, 9999))}`;

export function fictionalAddress(r: Random) {
  return {
    line1: `${String(r.int(1, 999))} ${r.pick(STREETS)} ${r.pick(STREET_KINDS)}`,
    city: 'Springfield',
    region: 'OR',
    postalCode: `974${String(r.int(0, 99)).padStart(2, '0')}`,
  };
}

export function fictionalDateOfBirth(r: Random, today: string, minor: boolean): string {
  const year = Number(today.slice(0, 4)) - (minor ? r.int(8, 16) : r.int(19, 80));
  return `${String(year)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

export const fictionalCarrier = (r: Random): string => r.pick(CARRIERS);
export const fictionalReferral = (r: Random): string => r.pick(REFERRALS);
