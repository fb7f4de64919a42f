// What other workstations changed, as it commits: one connection per workstation LISTENs on the
// server's change notices (db/postgres/migrations/0003-change-notices.ts) and hands on the names
// of the tables written, for the lists on screen to refresh. When the connection drops (server
// restarted, network gone) the feed says so at once and connects again, waiting longer each time
// up to RETRY_MAX_MS; once back it reports `missed`, since what changed meanwhile was not heard,
// so that everything on screen is refreshed.
import pg from 'pg';
import { CHANNEL } from '../../../db/postgres/migrations/0003-change-notices.ts';
import type { Clock, TimerHandle } from '../clock.ts';

export const RETRY_FIRST_MS = 250;
export const RETRY_MAX_MS = 10_000;

export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface ChangeFeedOptions {
  readonly config: pg.ClientConfig;
  readonly clock: Clock;
  /** Tables another workstation (or this one) wrote, after their transaction committed. */
  readonly onChange: (table: string) => void;
  /** The feed was down: changes may have been missed. Refresh everything shown. */
  readonly onMissed: () => void;
  readonly onState?: (state: FeedState) => void;
}

export class ChangeFeed {
  private readonly options: ChangeFeedOptions;
  private client: pg.Client | null = null;
  private retry: TimerHandle | null = null;
  private delay = RETRY_FIRST_MS;
  private state: FeedState = 'stopped';
  private wasLive = false;

  constructor(options: ChangeFeedOptions) {
    this.options = options;
  }

  get current(): FeedState {
    return this.state;
  }

  /** Connects and listens; resolves once live, or once the first try failed (retrying). */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.set('connecting');
    await this.connect();
  }

  async stop(): Promise<void> {
    this.set('stopped');
    this.retry?.cancel();
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private set(state: FeedState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.options.config);
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.options.onChange(message.payload);
    });
    const lost = (): void => {
      if (this.client !== client || this.state === 'stopped') return;
      this.client = null;
      void client.end().catch(() => undefined);
      this.set('reconnecting');
      this.schedule();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch {
      lost();
      return;
    }
    if (this.client !== client || this.state === 'stopped') {
      await client.end().catch(() => undefined);
      return;
    }
    this.delay = RETRY_FIRST_MS;
    this.set('live');
    if (this.wasLive) this.options.onMissed();
    this.wasLive = true;
  }

  private schedule(): void {
    this.retry?.cancel();
    const wait = this.delay;
    this.delay = Math.min(RETRY_MAX_MS, this.delay * 2);
    this.retry = this.options.clock.setTimeout(() => {
      this.retry = null;
      if (this.state !== 'stopped') void this.connect();
    }, wait);
  }
}
