// Bulk synthetic session notes for the demo, the end-to-end tests and the benchmark: signed
// DAP/SOAP/BIRP progress notes (real content hashes, search rows and audit entries), written in
// batches of one transaction each so that 200,000 notes take minutes, not hours.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, NoteRow } from '../../../db/schema.ts';
import { TEMPLATES, type BuiltInTemplate } from '../../../preload/contract/notes.ts';
import { clientsWithClinician } from '../clients/index.ts';
import type { Core } from '../index.ts';
import { insertNote, noteHash, searchBody, writeSearchRow } from '../notes/index.ts';
import { listUsers } from '../staff/index.ts';
import { seededRandom, type Random } from './synthetic.ts';

const MOODS = ['brighter', 'flat', 'anxious', 'tearful', 'calm', 'irritable', 'hopeful', 'tired'];
const TOPICS = [
  'sleep',
  'work stress',
  'a conflict with a sibling',
  'grief',
  'the commute',
  'school',
  'money worries',
  'a new relationship',
  'panic on the bus',
  'caring for a parent',
  'moving house',
  'a job interview',
];
const SKILLS = [
  'paced breathing',
  'thought records',
  'behavioral activation',
  'worry postponement',
  'grounding',
  'sleep hygiene',
  'values clarification',
  'assertive communication',
  'exposure hierarchy',
];
const CODES = ['90834', '90837', '90832', '90847'] as const;

function sentence(r: Random): string {
  return `Synthetic: client discussed ${r.pick(TOPICS)}; affect ${r.pick(MOODS)}; practiced ${r.pick(SKILLS)}.`;
}

function sectionsFor(r: Random, template: BuiltInTemplate): Record<string, string> {
  return Object.fromEntries(
    TEMPLATES[template].sections.map((s) => [
      s.key,
      s.key === 'plan'
        ? `Synthetic: continue ${r.pick(SKILLS)}; next session in one week.`
        : `${sentence(r)} ${sentence(r)}`,
    ]),
  );
}

export interface NoteSeedOptions {
  notesPerClient: number;
  seed?: number;
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Adds signed progress notes for every client, authored by their primary clinician. Vault must be open. */
export async function seedNotes(core: Core, options: NoteSeedOptions): Promise<number> {
  const r = seededRandom(options.seed ?? 424242);
  const db = core.ctx.vault.db.db;
  const clients = await clientsWithClinician(db);
  const authors = new Map((await listUsers(db)).map((u) => [u.id, u.username]));
  const total = clients.length * options.notesPerClient;
  const batch = options.batch ?? 2000;
  const sqlite = core.ctx.vault.db.sqlite;
  sqlite.pragma('synchronous=OFF');
  let done = 0;
  try {
    const start = Date.parse('2024-01-08T12:00:00Z');
    let pending: { clientId: string; authorId: string; week: number }[] = [];
    const flush = async () => {
      const items = pending;
      pending = [];
      await db.transaction().execute(async (trx) => {
        for (const item of items)
          await writeOne(core, trx, r, item, start, authors.get(item.authorId) ?? null);
      });
      done += items.length;
      options.onProgress?.(done, total);
    };
    for (const c of clients) {
      for (let week = 0; week < options.notesPerClient; week++) {
        pending.push({ clientId: c.id, authorId: c.primary_clinician_id, week });
        if (pending.length >= batch) await flush();
      }
    }
    if (pending.length > 0) await flush();
    return done;
  } finally {
    sqlite.pragma('synchronous=FULL');
  }
}

async function writeOne(
  core: Core,
  trx: Kysely<DB>,
  r: Random,
  item: { clientId: string; authorId: string; week: number },
  start: number,
  authorUsername: string | null,
): Promise<void> {
  const template = r.pick(['dap', 'soap', 'birp'] as const);
  const day = new Date(start + item.week * 7 * 86_400_000 + r.int(0, 4) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const hour = String(r.int(8, 17)).padStart(2, '0');
  const signedAt = `${day}T${String(Number(hour) + 1).padStart(2, '0')}:30:00.000Z`;
  const code = r.pick(CODES);
  const minutes = code === '90832' ? 30 : code === '90837' ? 55 : 50;
  const row: Omit<NoteRow, 'seq'> = {
    id: randomUUID(),
    client_id: item.clientId,
    author_id: item.authorId,
    kind: 'progress',
    template,
    service_date: day,
    start_time: `${hour}:00`,
    end_time: `${hour}:${String(minutes).padStart(2, '0')}`,
    duration_minutes: minutes,
    service_code: code,
    modality: r.pick(['in_person', 'video', 'phone']),
    location: 'Synthetic office',
    participants: code === '90847' ? 'Client and family' : 'Client',
    risk_level: r.chance(0.9) ? 'low' : 'none',
    risk_plan: null,
    sections: JSON.stringify(sectionsFor(r, template)),
    part2: 0,
    status: 'signed',
    signed_at: signedAt,
    content_hash: null,
    cosign_by: null,
    cosigned_by: null,
    cosigned_at: null,
    cosign_hash: null,
    created_at: signedAt,
    updated_at: signedAt,
    episode_id: null,
    addressed_diagnoses: null,
    goal_progress: null,
    template_version_id: null,
  };
  const hash = noteHash({ ...row, seq: 0 }, signedAt);
  const seq = await insertNote(trx, { ...row, content_hash: hash });
  await writeSearchRow(trx, {
    seq,
    client_id: row.client_id,
    author_id: row.author_id,
    kind: row.kind,
    status: 'signed',
    body: searchBody(row, []),
  });
  await core.ctx.audit.append(
    trx,
    { userId: row.author_id, username: authorUsername },
    {
      action: 'note.sign',
      targetType: 'note',
      targetId: row.id,
      detail: { clientId: row.client_id, contentHash: hash, cosignRequired: false, seeded: true },
      at: signedAt,
    },
  );
}
