// Episodes of care (LEGAL.md "Minors and representatives", 45 CFR 164.502(g)(3)): each treatment
// consent opens an episode and records who consented. Notes and screenings are marked with the
// episode in effect when they are made; care the minor lawfully consented to alone (or a court
// authorized, or a parent agreed to keep confidential) is never released to, or on the authority
// of, a guardian. This file is the one place that decides which episode a record belongs to.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { CONFIDENTIAL_FROM_GUARDIAN, type ConsentBasis } from '../../../preload/contract/intake.ts';

export interface Episode {
  id: string;
  givenOn: string;
  basis: ConsentBasis | null;
  /** 164.502(g)(3): the guardian does not act for the minor for this care. */
  confidential: boolean;
}

export const isConfidentialBasis = (basis: ConsentBasis | null): boolean =>
  basis !== null && CONFIDENTIAL_FROM_GUARDIAN.includes(basis);

/** The client's treatment consents, oldest first: the episodes of care. */
export async function listEpisodes(db: Kysely<DB>, clientId: string): Promise<Episode[]> {
  const rows = await db
    .selectFrom('consents')
    .select(['id', 'given_on', 'basis', 'recorded_at'])
    .where('client_id', '=', clientId)
    .where('kind', '=', 'treatment')
    .orderBy('given_on')
    .orderBy('recorded_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    givenOn: r.given_on,
    basis: r.basis,
    confidential: isConfidentialBasis(r.basis),
  }));
}

/** The episode in effect on a day: the latest treatment consent given on or before it. */
export function episodeOn(episodes: readonly Episode[], date: string): Episode | null {
  let found: Episode | null = null;
  for (const e of episodes) if (e.givenOn <= date) found = e;
  return found;
}

/**
 * Whether a record belongs to care that is the minor's alone: by the episode it was marked with
 * when made, or, for a record made before episodes were marked, by the episode in effect on its date.
 */
export function isConfidentialCare(
  episodes: readonly Episode[],
  record: { episodeId: string | null; date: string },
): boolean {
  const marked = record.episodeId ? episodes.find((e) => e.id === record.episodeId) : undefined;
  if (marked) return marked.confidential;
  return episodeOn(episodes, record.date)?.confidential ?? false;
}
