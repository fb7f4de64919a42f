// The cells of the impact index of note search (migration 0025, impacts.ts): pure functions,
// shared by the writer (main's connection) and the search worker, which ranks by them (bm25.ts).

/** Shorter prefixes are read from notes_fts's own prefix index ('1 2 3'). */
export const IMPACT_MIN_PREFIX = 4;

/**
 * The first body length of the bucket after the one starting at `edge`: one word longer up to
 * 64 words, then 1/64 longer (a 128-word body shares its bucket with one other length, a 1,024-word
 * one with fifteen). The finer the buckets, the closer a cell's best possible score is to its
 * notes' own, and the fewer notes a search opens.
 */
const nextEdge = (edge: number): number => Math.max(edge + 1, Math.floor((edge * 65) / 64));

/** The body length bucket of a note whose body has `tokens` words (0: an empty body). */
export function lengthBucket(tokens: number): number {
  let bucket = 0;
  for (let edge = 1; tokens >= edge; edge = nextEdge(edge)) bucket++;
  return bucket;
}

/** Bucket floors computed so far: FLOORS[b] is the shortest body in bucket b. */
const FLOORS = [0, 1];

/** The shortest body of a bucket: no note in it is shorter, so none scores higher for its word count. */
export function bucketFloor(bucket: number): number {
  while (FLOORS.length <= bucket) FLOORS.push(nextEdge(FLOORS[FLOORS.length - 1] ?? 1));
  return FLOORS[bucket] ?? 0;
}

/**
 * A note's cells, space-separated, from its words and how often each occurs in the body
 * (folded as notes_fts folds them): every prefix of IMPACT_MIN_PREFIX characters or more, with
 * the number of the body's words that start with it, and the body's length bucket.
 */
export function impactCells(words: Iterable<readonly [string, number]>): string {
  const byPrefix = new Map<string, number>();
  let length = 0;
  for (const [word, count] of words) {
    length += count;
    const chars = Array.from(word);
    for (let k = IMPACT_MIN_PREFIX; k <= chars.length; k++) {
      const prefix = chars.slice(0, k).join('');
      byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + count);
    }
  }
  const bucket = lengthBucket(length);
  return [...byPrefix].map(([prefix, count]) => `${prefix}.${String(count)}.${String(bucket)}`).join(' ');
}

/** A cell token read back: its word count and body length bucket. */
export function parseCell(token: string): { count: number; bucket: number } | null {
  const m = /\.(\d+)\.(\d+)$/.exec(token);
  return m ? { count: Number(m[1]), bucket: Number(m[2]) } : null;
}
