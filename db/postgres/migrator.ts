// Runs the practice server's schema migrations as stillwater_owner, all of them and the version they
// reach in one transaction (PostgreSQL's DDL is transactional: an upgrade lands whole or not at all;
// it has no user_version, so a one-row table holds it), then grants the app role its privileges on
// whatever the schema now holds (roles.ts).
import type pg from 'pg';
import { SchemaTooNewError } from '../migrator.ts';
import * as p0001 from './migrations/0001-baseline.ts';
import * as p0002 from './migrations/0002-record-rules.ts';
import * as p0003 from './migrations/0003-change-notices.ts';
import * as p0004 from './migrations/0004-client-search.ts';
import * as p0005 from './migrations/0005-clock.ts';
import { grantAppPrivileges, ident, PG_APP_ROLE, PG_OWNER_ROLE, PG_SCHEMA } from './roles.ts';

export interface ServerMigration {
  readonly version: number;
  readonly name: string;
  up(owner: pg.ClientBase): Promise<void>;
}

export const serverMigrations: readonly ServerMigration[] = [
  { version: 1, name: '0001-baseline', up: p0001.up },
  { version: 2, name: '0002-record-rules', up: p0002.up },
  { version: 3, name: '0003-change-notices', up: p0003.up },
  { version: 4, name: '0004-client-search', up: p0004.up },
  { version: 5, name: '0005-clock', up: p0005.up },
];

/** `admin` is connected to the practice database, able to SET ROLE stillwater_owner (provisionServer). */
export async function migrateServer(
  admin: pg.ClientBase,
  list: readonly ServerMigration[] = serverMigrations,
): Promise<number> {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`server migration list out of order at ${m.name}`);
  });
  const schema = ident(PG_SCHEMA);
  await admin.query('begin');
  try {
    await admin.query(`set local role ${ident(PG_OWNER_ROLE)}`);
    await admin.query(`set local search_path = ${schema}`);
    await admin.query(
      'create table if not exists schema_version (one boolean primary key default true check (one), version integer not null)',
    );
    // One migrator at a time, if two workstations upgrade at once.
    await admin.query('lock table schema_version in exclusive mode');
    const { rows } = await admin.query<{ version: number }>('select version from schema_version');
    let current = rows[0]?.version ?? 0;
    if (current > list.length) throw new SchemaTooNewError(current, list.length);
    for (const step of list.slice(current)) {
      await admin.query('savepoint step');
      await step.up(admin);
      await admin.query(
        'insert into schema_version (one, version) values (true, $1) on conflict (one) do update set version = excluded.version',
        [step.version],
      );
      await admin.query('release savepoint step');
      current = step.version;
    }
    await grantAppPrivileges(admin);
    // The version table is the owner's alone: the app reads it, never writes it.
    await admin.query(
      `revoke insert, update, delete, truncate on ${schema}.schema_version from ${ident(PG_APP_ROLE)}`,
    );
    await admin.query('commit');
    return current;
  } catch (error) {
    await admin.query('rollback').catch(() => undefined);
    throw error;
  }
}
