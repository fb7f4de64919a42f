// Starts the harness (cli.ts) in its own Node process for a Playwright test and waits for its URL.
// A separate process keeps the core out of Playwright's module loader (which applies the root
// tsconfig's `paths` and would load better-sqlite3's .d.ts), and mirrors the app, where main and
// the renderer are separate processes too.
import { spawn } from 'node:child_process';
import { TEST_NODE_FLAGS } from '../../node-flags.ts';
import { fileURLToPath } from 'node:url';

export interface SeededAccount {
  role: 'owner' | 'clinician' | 'front_desk';
  displayName: string;
  username: string;
  password: string;
}

export interface LaunchedHarness {
  url: string;
  /** The synthetic practice's accounts when launched with seedClients. */
  accounts: SeededAccount[];
  /** The folder the app's folder picker answers with (release packages are written there). */
  pickFolder: string;
  /** Moves the core's clock forward: inactivity lock, due dates. Timers it makes due have fired when it resolves. */
  advance(ms: number): Promise<void>;
  /**
   * The OS idle time main reads: 'continuous' (the default) counts the page's activity reports as
   * input; 'stopped' says nobody has touched the computer since now, so the reports extend nothing.
   */
  setRealInput(mode: 'continuous' | 'stopped'): Promise<void>;
  /** Changes what the folder picker answers; null is a cancelled dialog. */
  setPickFolder(folder: string | null): Promise<void>;
  /** Where the backup-folder picker points at start (a temp folder, removed on close). */
  backupFolder: string;
  /** Changes what a backup picker answers (the backup folder, or the backup to restore); null cancels. */
  setPickPath(purpose: 'backup-folder' | 'restore-file', path: string | null): Promise<void>;
  /** The backup drive's free space as main reads it (null: the real drive's again). */
  setFreeBytes(bytes: number | null): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  timeoutMs?: number;
  /** Builds a synthetic practice of this many clients before the harness starts serving. */
  seedClients?: number;
  /** With seedClients: signed progress notes per client (weekly). */
  seedNotesPerClient?: number;
  /** The practice's data folder (the caller removes it); a temp folder by default. */
  dataDir?: string;
}

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

export function launchHarness(options: LaunchOptions = {}): Promise<LaunchedHarness> {
  const seedClients = options.seedClients ?? 0;
  const timeoutMs = options.timeoutMs ?? (seedClients > 0 ? 30_000 + seedClients * 40 : 30_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STILLWATER_HARNESS_PORT: '0',
    STILLWATER_HARNESS_SEED_CLIENTS: String(seedClients),
    STILLWATER_HARNESS_SEED_NOTES: String(options.seedNotesPerClient ?? 0),
    ...(options.dataDir ? { STILLWATER_HARNESS_DATA: options.dataDir } : {}),
  };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [...TEST_NODE_FLAGS, CLI], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });

  return new Promise((resolveLaunch, rejectLaunch) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectLaunch(new Error(`The harness did not start within ${String(timeoutMs)} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Stillwater harness: (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const seeded = /Seeded accounts: (.+)/.exec(output)?.[1];
      const pickFolder = /^Folder picker answers: (.+)/m.exec(output)?.[1] ?? '';
      const backupFolder = /^Backup folder picker answers: (.+)/m.exec(output)?.[1] ?? '';
      const base = match[1];
      const post = async (path: string, body?: unknown): Promise<void> => {
        const response = await fetch(new URL(path, base), {
          method: 'POST',
          body: body === undefined ? null : JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${path}: ${String(response.status)} ${await response.text()}`);
      };
      resolveLaunch({
        url: base,
        accounts: seeded ? (JSON.parse(seeded) as SeededAccount[]) : [],
        pickFolder,
        advance: (ms) => post(`__harness/advance?ms=${String(ms)}`),
        setRealInput: (mode) => post('__harness/idle', { realInput: mode }),
        setPickFolder: (folder) => post('__harness/pick-folder', { folder }),
        backupFolder,
        setPickPath: (purpose, path) => post('__harness/pick-path', { purpose, path }),
        setFreeBytes: (bytes) => post('__harness/free-bytes', { bytes }),
        close: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectLaunch(new Error(`The harness exited (code ${String(code)}) before it started:\n${output}`));
    });
  });
}
