// The one diagnostic logger. It never writes record content: only an event name and
// fields from an allow-list of non-identifying keys (codes, counts, durations, channel names).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

const SAFE_KEYS = new Set([
  'channel',
  'code',
  'count',
  'durationMs',
  'errorName',
  'migration',
  'version',
  'role',
  'reason',
  'attempts',
  'platform',
]);
const SAFE_VALUE = /^[\w .:/@-]{0,80}$/;

/** Drops any field that is not on the allow-list or does not look like an identifier. */
export function redact(fields: LogFields = {}): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!SAFE_KEYS.has(key) || value === undefined) continue;
    if (typeof value === 'string' && !SAFE_VALUE.test(value)) {
      out[key] = '[redacted]';
      continue;
    }
    out[key] = value;
  }
  return out;
}

export function createLogger(write: (line: string) => void, now: () => number): Logger {
  return {
    log(level, event, fields) {
      const safeEvent = SAFE_VALUE.test(event) ? event : 'unnamed';
      write(JSON.stringify({ t: new Date(now()).toISOString(), level, event: safeEvent, ...redact(fields) }));
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
