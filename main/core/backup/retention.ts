// Which backup generations to keep: grandfather-father-son over the finished, verified backups in
// the folder (the newest of each of the last N days, ISO weeks and months, in this computer's time
// zone). The newest verified backup is always kept, whatever the policy says.
import type { RetentionPolicy } from '../../../preload/contract/backup.ts';

export interface Generation {
  name: string;
  createdAt: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const dayKey = (d: Date): string => `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const monthKey = (d: Date): string => `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}`;

/** ISO-8601 week (weeks start on Monday; week 1 holds the year's first Thursday). */
function weekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const weekday = t.getUTCDay() === 0 ? 7 : t.getUTCDay();
  t.setUTCDate(t.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${String(t.getUTCFullYear())}-W${pad(week)}`;
}

/** The names to delete. Input in any order; only finished backups belong in it. */
export function planPrune(generations: readonly Generation[], policy: RetentionPolicy): string[] {
  const newestFirst = [...generations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const newest = newestFirst[0];
  if (newest) keep.add(newest.name);
  const buckets: [(d: Date) => string, number][] = [
    [dayKey, policy.daily],
    [weekKey, policy.weekly],
    [monthKey, policy.monthly],
  ];
  for (const [key, limit] of buckets) {
    const seen = new Set<string>();
    for (const g of newestFirst) {
      if (seen.size >= limit) break;
      const k = key(new Date(g.createdAt));
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(g.name);
    }
  }
  return newestFirst.filter((g) => !keep.has(g.name)).map((g) => g.name);
}
