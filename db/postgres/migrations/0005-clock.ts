// PostgreSQL schema 5: stillwater_now_ms(), the clock the cover windows are judged by in SQL
// (main/core/cover/queries.ts). On the SQLite file the app registers it on its connection from
// main's clock. On the practice server it is the server's clock, one clock for every workstation,
// unless the connection sets stillwater.now_ms (the harness's and the tests' clock, a seam of
// ours, as on the file). Forward-only: never edit.
import type pg from 'pg';

export async function up(owner: pg.ClientBase): Promise<void> {
  await owner.query(
    `create function "stillwater_now_ms"() returns bigint language sql stable set search_path = stillwater as $fn$
       select coalesce(nullif(current_setting('stillwater.now_ms', true), '')::bigint,
                       (extract(epoch from clock_timestamp()) * 1000)::bigint) $fn$`,
  );
}
