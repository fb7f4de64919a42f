// Migrations are history: a migration file never changes after it lands (a practice that ran the
// old text keeps the old schema). Every file in db/migrations (and the practice server's, in
// db/postgres/migrations) is listed here with its SHA-256; a
// changed byte, or a new file without its hash, fails. Schema changes only by appending a migration.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../db/migrations/index.ts';
import { serverMigrations } from '../../../db/postgres/migrator.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Every landed migration and the SHA-256 of its bytes. Add a line when a migration lands; never edit one. */
const LANDED: Readonly<Record<string, string>> = {
  '0001-initial.ts': 'b603d5e3faac84ef00fd29271925b1673210743b4dda37b854d3053d3edefcf2',
  '0002-clients.ts': '2701d2d999d849cbdc597739e7881852a689e5e7c973417fb736cf053cdcfc52',
  '0003-notes.ts': '3a444a11e4fd675a0256b656505b009211c95e8ef543f1cfa64cf5e78f97a1c5',
  '0004-releases.ts': '9f4e454cd539135a32cb85c9444369f8f75b07a713b0095b21637455588a7fa8',
  '0005-release-legality.ts': '36efe5179b5419df081143ec08896ab87bb38268702bd86e8fa8d7f35f60e259',
  '0006-append-only.ts': '7ec99b00f0228c78389d11dcb5003b2f61d82ff4ace1003fb83dcba9ce11cdfb',
  '0007-one-schema.ts': '0a7f3c0ca8f2d8712a666a3e3046ff8d135ea995a8b3be87721839d4dd5d0757',
  '0008-note-search-scope.ts': '864dacdc28afeccf75465f6927cd7da9da8541604927ecf12bd45988dca33931',
  '0009-note-search-terms.ts': '9141784ef5556a3fc2d8ce44368e219b9aae3e95851e955b6471d4e0951d81e8',
  '0010-audit-by-record.ts': 'dfef40a727dddad2da1a7508df41ec2b4e1f8051c12398eb439d9f0797d1ea60',
  '0011-amendments.ts': '655ffa3ae5df66e83dd5775bd1d367d4d3979afd4441402bab4079d52f208041',
  '0012-restrictions.ts': 'bb58002e2b05317364641469d9dde8f195d90d679dce625f2ef6bb91a2dc1c3c',
  '0013-communications-and-deadlines.ts': '4d91a5fb0720ec530396c8dad240f4ece468b93399370315b8acb9b554cebd65',
  '0014-denial-review-and-suspension.ts': '980d14cabcb0a16a0112e8edeb1c092ac8ad16dcfa9d189d37da95709e854180',
  '0015-retention.ts': '8e11cd1ff13a8ca2d6a2ac7e74b715de9ea8bf5eb5bdbc548e9539e0c84a1291',
  '0016-diagnoses.ts': 'f29d37661ecdfe843578fa00b5fe8eee355a6fffbad8c88eacda4407ec434d13',
  '0017-treatment-plans.ts': '3d56ca91b4f7d4972ff93e514deafb5e7bc668a29743a79342ba6d5a50104595',
  '0018-note-links.ts': 'b22168a759896e4720c4f6e79d19ef8d5009fdfdecd81b295b7c8aa55fe71ec5',
  '0019-note-templates.ts': '4fc82cd172695b10a673af527c6f3ee370982e21cac2d884b0278542714faffc',
  '0020-release-item-kinds.ts': 'a2e4a16484d1f02a4c876123bc3f6ae37f36be97d67b45b14fb22427fa765077',
  '0021-emergency-access.ts': '377e00d77ad4145cf01e6387b0222c100904141bc10f8d15cddef2925368c72c',
  '0022-cover.ts': '5b5321a2dbb2f7f3fc54ff000ac0fc3911df16dd2fe46a2c80c205f76e3f804a',
  '0023-second-factor.ts': '92dbbd05279f161d6016cbec6d64bb77a6a97f653a28b49b060de023c8142015',
  '0024-staff-lifecycle.ts': 'c65c375b64369226cc5ef4d6e02ffdb4182c23618481456dbff91fd8592f4188',
  '0025-note-search-impacts.ts': '437ddddae85235a88b991da966e72fc9c2a1a2ae5b10ffb9ccf23e26045adf7e',
};

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));

/** The practice server's migrations (db/postgres/migrations), frozen the same way. */
const SERVER_LANDED: Readonly<Record<string, string>> = {
  '0001-baseline.ts': '37fe55a23ce662b20290b08b4aa43002b89cb8a9ed3a48c01b23ed34449cce6e',
  '0002-record-rules.ts': '4482cca5b6e42650e9147dd6079998452911843e1b21da82edbb9d45bb3eb678',
  '0003-change-notices.ts': '99288090c005a1fb1ecddd3f4ef872568f6f790585a71b23af0f905cc083d2c5',
  '0004-client-search.ts': '5e6ae835d7f1f875321573362231cace99d8d2e6bd052e363e53dea241209374',
  '0005-clock.ts': '1f640cf1aae9a705acbdff08d7381da3cb78b2983ac870de18c8af706cd57ba6',
};

const SERVER_MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/postgres/migrations/', import.meta.url));

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** What is wrong with a migrations folder against the landed hashes: one sentence per problem. */
function frozenMigrationProblems(dir: string, landed: Readonly<Record<string, string>>): string[] {
  const files = readdirSync(dir)
    .filter((f) => f !== 'index.ts')
    .sort();
  const problems: string[] = [];
  for (const file of files) {
    const expected = landed[file];
    if (expected === undefined) {
      problems.push(
        `migration ${file} has no hash in tests/integration/db/migrations-frozen.test.ts: add its SHA-256 when it lands`,
      );
    } else if (sha256(readFileSync(join(dir, file))) !== expected) {
      problems.push(`migration ${file} changed after it landed: add a new migration instead`);
    }
  }
  for (const file of Object.keys(landed)) {
    if (!files.includes(file)) problems.push(`migration ${file} was removed after it landed`);
  }
  return problems;
}

describe('landed migrations are frozen', () => {
  it('every file in db/migrations has the bytes it landed with, and every file is listed', () => {
    expect(frozenMigrationProblems(MIGRATIONS_DIR, LANDED)).toEqual([]);
  });

  it('the list in db/migrations/index.ts names exactly the files listed here, in order', () => {
    expect(migrations.map((m) => `${m.name}.ts`)).toEqual(Object.keys(LANDED).sort());
  });

  it('the practice server’s migrations are frozen too, and db/postgres/migrator.ts lists them in order', () => {
    expect(frozenMigrationProblems(SERVER_MIGRATIONS_DIR, SERVER_LANDED)).toEqual([]);
    expect(serverMigrations.map((m) => `${m.name}.ts`)).toEqual(Object.keys(SERVER_LANDED).sort());
  });

  it('fails when one byte of a landed migration changes, or a migration appears without its hash', () => {
    const dir = tempDir();
    try {
      cpSync(MIGRATIONS_DIR, dir.path, { recursive: true });
      expect(frozenMigrationProblems(dir.path, LANDED)).toEqual([]);
      const file = join(dir.path, '0003-notes.ts');
      const bytes = readFileSync(file);
      const at = bytes.length - 2;
      bytes.writeUInt8((bytes.readUInt8(at) ^ 0x01) & 0xff, at);
      writeFileSync(file, bytes);
      writeFileSync(join(dir.path, '0099-unlisted.ts'), 'export async function up(): Promise<void> {}\n');
      expect(frozenMigrationProblems(dir.path, LANDED)).toEqual([
        'migration 0003-notes.ts changed after it landed: add a new migration instead',
        'migration 0099-unlisted.ts has no hash in tests/integration/db/migrations-frozen.test.ts: add its SHA-256 when it lands',
      ]);
    } finally {
      dir.remove();
    }
  });
});
