// Session notes: durable draft save (FTS update + audit entry), the timeline of a client with 300
// notes, and full-text search over every note, as a clinician and as the owner.
import type { Core } from '../../main/core/index.ts';
import { seededRandom } from '../../main/core/demo/synthetic.ts';
import type { NoteDraftInput } from '../../preload/contract/notes.ts';
import { call, measurePair, type Pair } from './common.ts';
import { row } from './clients-bench.ts';
import type { Row } from './stats.ts';

export const TIMELINE_NOTES = 300;

const draft = (clientId: string, text: string, noteId?: string): NoteDraftInput => ({
  noteId,
  clientId,
  kind: 'progress',
  template: 'dap',
  serviceDate: '2026-01-12',
  startTime: '10:00',
  endTime: '10:50',
  serviceCode: '90834',
  modality: 'in_person',
  riskLevel: 'low',
  sections: { data: text, assessment: 'Synthetic: steady progress.', plan: 'Synthetic: continue weekly.' },
  part2: false,
});

/** Gives one client 300 signed notes (through the router, as a clinician would). */
export async function fillTimeline(core: Core, window: string, clientId: string): Promise<void> {
  for (let i = 0; i < TIMELINE_NOTES; i++) {
    const { noteId } = await call(
      core,
      window,
      'notes.saveDraft',
      draft(clientId, `Synthetic timeline note ${String(i)}.`),
    );
    await call(core, window, 'notes.sign', { noteId });
  }
}

export function noteQueries(n: number): string[] {
  const r = seededRandom(11);
  const words = [
    'sleep',
    'grief',
    'commute',
    'school',
    'breathing',
    'grounding',
    'anxious',
    'hopeful',
    'exposure',
    'values',
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = r.pick(words);
    const choices = [
      () => w.slice(0, 1), // the worst case: one letter
      () => w.slice(0, 2),
      () => w.slice(0, 3),
      () => w,
      () => `${w} ${r.pick(words).slice(0, 4)}`,
      () => 'synthetic', // in every note
    ];
    out.push((choices[i % choices.length] ?? choices[0])?.() ?? w);
  }
  return out;
}

export async function benchNotes(
  pair: Pair,
  windows: { clinician: string; owner: string },
  clients: { timeline: string; editing: string },
  queries: string[],
  saves: number,
): Promise<Row[]> {
  // Durable saves: each is a transaction with the FTS row and the audit entry, fsynced.
  const ids = new Map<Core, string>();
  for (const c of [pair.enc, pair.plain]) {
    ids.set(
      c,
      (await call(c, windows.clinician, 'notes.saveDraft', draft(clients.editing, 'Synthetic start'))).noteId,
    );
  }
  const text = (i: number) =>
    `Synthetic: the client talked about sleep and the commute, revision ${String(i)}.`;
  const inputs = Array.from({ length: saves }, (_, i) => i);
  const save = await measurePair(
    inputs,
    (i) =>
      call(
        pair.enc,
        windows.clinician,
        'notes.saveDraft',
        draft(clients.editing, text(i), ids.get(pair.enc)),
      ),
    (i) =>
      call(
        pair.plain,
        windows.clinician,
        'notes.saveDraft',
        draft(clients.editing, text(i), ids.get(pair.plain)),
      ),
  );
  const opens = Array.from({ length: 300 }, (_, i) => i);
  const timeline = await measurePair(
    opens,
    () => call(pair.enc, windows.clinician, 'notes.timeline', { clientId: clients.timeline }),
    () => call(pair.plain, windows.clinician, 'notes.timeline', { clientId: clients.timeline }),
  );
  const results: Row[] = [
    row('note draft save (FTS + audit, fsync)', save, 5, 10),
    row(`timeline open (${String(TIMELINE_NOTES)} notes)`, timeline, 10),
  ];
  for (const [who, window] of [
    ['clinician', windows.clinician],
    ['owner', windows.owner],
  ] as const) {
    for (const c of [pair.enc, pair.plain])
      for (const q of queries.slice(0, 50)) await call(c, window, 'notes.search', { query: q });
    const search = await measurePair(
      queries,
      (q) => call(pair.enc, window, 'notes.search', { query: q }),
      (q) => call(pair.plain, window, 'notes.search', { query: q }),
    );
    results.push(row(`note search, ranked snippets (${who})`, search, 50));
  }
  return results;
}
