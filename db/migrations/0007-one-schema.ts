// 0007: one schema whatever history built the file. Migrations 0002 and 0003 were edited after they
// landed, so a practice that ran an earlier text has a different schema: clients keyed by id with
// no seq (the search index's rowid) or sort_key, a client search index with other columns, the
// old clients_by_name index, and a notes search index without one-letter prefixes. This brings
// such a file to exactly the schema the current 0002/0003 build, and does nothing to the schema
// of a file they built. The client search index is rebuilt from the clients in every file, so
// rows written under an older rule (the date of birth before it became one term) match today.
import { sql, type Kysely } from 'kysely';

/** The clients columns in the order the current 0002 creates them. */
const CLIENT_COLUMNS = [
  'seq',
  'id',
  'chart_number',
  'legal_first_name',
  'legal_last_name',
  'sort_key',
  'preferred_name',
  'pronouns',
  'date_of_birth',
  'gender_identity',
  'phone',
  'email',
  'address_line1',
  'address_line2',
  'city',
  'region',
  'postal_code',
  'voicemail_ok',
  'voicemail_number',
  'text_ok',
  'text_number',
  'email_ok',
  'email_address',
  'insurance_carrier',
  'insurance_member_id',
  'insurance_group',
  'insurance_subscriber_name',
  'insurance_subscriber_relation',
  'emergency_name',
  'emergency_relation',
  'emergency_phone',
  'referral_source',
  'primary_clinician_id',
  'minor_self_consent_basis',
  'status',
  'status_date',
  'status_reason',
  'created_at',
  'created_by',
  'updated_at',
] as const;

const CLIENTS_FTS = sql`CREATE VIRTUAL TABLE clients_fts USING fts5(
    terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`;

const NOTES_FTS = sql`CREATE VIRTUAL TABLE notes_fts USING fts5(
    client_id UNINDEXED, author_id UNINDEXED, kind UNINDEXED, status UNINDEXED, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`;

// The sort key and search terms as version 1 defines them, frozen here: a migration is history
// and must write exactly what main/core/clients/search-terms.ts (sortKey, searchTerms) wrote
// when this migration landed (a test compares them).
const fold = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const digitsOf = (text: string): string => text.replace(/\D/g, '');

interface ClientTerms {
  chart_number: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  phone: string | null;
}

export function sortKeyV1(
  c: Pick<ClientTerms, 'legal_last_name' | 'legal_first_name' | 'chart_number'>,
): string {
  return `${fold(c.legal_last_name)}\u0001${fold(c.legal_first_name)}\u0001${c.chart_number}`;
}

export function searchTermsV1(c: ClientTerms): string {
  const parts: string[] = [
    c.legal_first_name,
    c.legal_last_name,
    c.preferred_name ?? '',
    `dob${c.date_of_birth.replace(/-/g, '')}`,
  ];
  if (c.phone) {
    const digits = digitsOf(c.phone).replace(/^1(?=\d{10}$)/, '');
    parts.push(digits, digits.slice(0, 3), digits.slice(3, 6), digits.slice(6), digits.slice(3));
  }
  const chartDigits = digitsOf(c.chart_number);
  parts.push(c.chart_number, chartDigits, String(Number(chartDigits)));
  return parts.filter(Boolean).join(' ');
}

async function columnsOf(db: Kysely<unknown>, table: string): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  return r.rows.map((c) => c.name);
}

async function storedSql(db: Kysely<unknown>, name: string): Promise<string | null> {
  const r = await sql<{ sql: string | null }>`SELECT sql FROM sqlite_master WHERE name = ${name}`.execute(db);
  return r.rows[0]?.sql?.replace(/\s+/g, ' ').trim() ?? null;
}

/** The clients table and its indexes exactly as the current 0002 creates them. */
async function createClients(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clients')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('chart_number', 'text', (c) => c.notNull().unique())
    .addColumn('legal_first_name', 'text', (c) => c.notNull())
    .addColumn('legal_last_name', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text')
    .addColumn('pronouns', 'text')
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('gender_identity', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('voicemail_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voicemail_number', 'text')
    .addColumn('text_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_number', 'text')
    .addColumn('email_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_address', 'text')
    .addColumn('insurance_carrier', 'text')
    .addColumn('insurance_member_id', 'text')
    .addColumn('insurance_group', 'text')
    .addColumn('insurance_subscriber_name', 'text')
    .addColumn('insurance_subscriber_relation', 'text')
    .addColumn('emergency_name', 'text')
    .addColumn('emergency_relation', 'text')
    .addColumn('emergency_phone', 'text')
    .addColumn('referral_source', 'text')
    .addColumn('primary_clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('minor_self_consent_basis', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status IN ('active', 'inactive', 'discharged')`),
    )
    .addColumn('status_date', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clients_by_sort_key').on('clients').column('sort_key').execute();
  await db.schema
    .createIndex('clients_by_clinician')
    .on('clients')
    .columns(['primary_clinician_id', 'status'])
    .execute();
  await db.schema.createIndex('clients_by_status').on('clients').column('status').execute();
}

/**
 * Rebuilds clients (keyed by id, without seq or sort_key) as the current table: every client
 * keeps its id and fields, seq numbers them in the order they were stored, sort_key is computed.
 * foreign_keys cannot be turned off inside the migration's transaction, so they are deferred:
 * dropping the old table leaves the rows that reference clients(id) waiting, and each is matched
 * again when its client is written back; the commit refuses if any is left unmatched.
 */
async function rebuildClients(db: Kysely<unknown>): Promise<void> {
  const copied = CLIENT_COLUMNS.filter((c) => c !== 'seq' && c !== 'sort_key');
  const old = await sql<Record<(typeof copied)[number], unknown> & ClientTerms>`
    SELECT ${sql.join(copied.map((c) => sql.id(c)))} FROM clients ORDER BY rowid`.execute(db);
  const deferred = await sql<{ defer_foreign_keys: number }>`PRAGMA defer_foreign_keys`.execute(db);
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await sql`DROP TABLE clients`.execute(db);
  await createClients(db);
  for (const row of old.rows) {
    await sql`INSERT INTO clients (${sql.join(copied.map((c) => sql.id(c)))}, sort_key)
      VALUES (${sql.join(copied.map((c) => row[c]))}, ${sortKeyV1(row)})`.execute(db);
  }
  const broken = await sql<{ parent: string }>`PRAGMA foreign_key_check`.execute(db);
  if (broken.rows.some((r) => r.parent === 'clients'))
    throw new Error('0007: a row refers to a client that is not there');
  if (!deferred.rows[0]?.defer_foreign_keys) await sql`PRAGMA defer_foreign_keys = OFF`.execute(db);
}

/** The client search index as the current 0002 creates it, one row per client (rowid = seq). */
async function rebuildClientSearch(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS clients_fts`.execute(db);
  await CLIENTS_FTS.execute(db);
  const clients = await sql<ClientTerms & { seq: number }>`
    SELECT seq, chart_number, legal_first_name, legal_last_name, preferred_name, date_of_birth, phone
    FROM clients ORDER BY seq`.execute(db);
  for (const c of clients.rows) {
    await sql`INSERT INTO clients_fts (rowid, terms) VALUES (${c.seq}, ${searchTermsV1(c)})`.execute(db);
  }
}

/** The notes search index with the current prefixes, its rows kept as they are (copied through a temp table, in memory: temp_store=MEMORY). */
async function rebuildNoteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TEMP TABLE notes_fts_before_0007 AS
    SELECT rowid AS seq, client_id, author_id, kind, status, body FROM notes_fts`.execute(db);
  await sql`DROP TABLE notes_fts`.execute(db);
  await NOTES_FTS.execute(db);
  await sql`INSERT INTO notes_fts (rowid, client_id, author_id, kind, status, body)
    SELECT seq, client_id, author_id, kind, status, body FROM temp.notes_fts_before_0007 ORDER BY seq`.execute(
    db,
  );
  await sql`DROP TABLE temp.notes_fts_before_0007`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = await columnsOf(db, 'clients');
  if (columns.join(',') !== CLIENT_COLUMNS.join(',')) await rebuildClients(db);
  await rebuildClientSearch(db);

  const notesFts = NOTES_FTS.compile(db).sql.replace(/\s+/g, ' ').trim();
  if ((await storedSql(db, 'notes_fts')) !== notesFts) await rebuildNoteSearch(db);
}
