// main's clock inside SQLite: stillwater_now_ms() answers ctx.clock.now(), so a cover's window is
// judged by the same clock as every other rule (the fake clock in tests), and list queries and
// chartAccess agree to the millisecond. Registered on each database connection at unlock; a query
// on a connection without it fails, so access is refused rather than granted.
import type { CoreContext } from '../context.ts';

export function installClockFunction(ctx: Pick<CoreContext, 'vault' | 'clock'>): void {
  ctx.vault.db.sqlite.function('stillwater_now_ms', { deterministic: false }, () => ctx.clock.now());
}
