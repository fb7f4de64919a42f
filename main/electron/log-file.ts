// The diagnostic log on disk: one JSON line per event, through the core's redacting logger, in a file
// only this user can read. Rotated at start-up so it never grows without bound.
import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger } from '../core/logger.ts';

const MAX_BYTES = 5 * 1024 * 1024;

export interface LogFile {
  logger: Logger;
  close(): void;
}

export function openLogFile(dir: string, now: () => number = Date.now): LogFile {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'stillwater.log');
  try {
    if (statSync(path).size > MAX_BYTES) renameSync(path, `${path}.1`);
  } catch {
    // No log yet.
  }
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  // A full disk or a vanished folder must never take the app down with it.
  stream.on('error', () => undefined);
  return {
    logger: createLogger((line) => {
      stream.write(`${line}\n`);
    }, now),
    close: () => {
      stream.end();
    },
  };
}
