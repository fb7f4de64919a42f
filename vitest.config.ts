// Vitest: core and integration tests on Node against real encrypted databases. Two projects: most
// files run two at a time (`npm test` passes --maxWorkers=2 for them); the files that measure time
// or the disk (an IPC wait, an event-loop stall, a timing ratio, a checkpoint under load, free
// space) run in the `timed` project after them, one at a time, so that a neighbour's load cannot
// fail them. A plain `vitest run` runs both.
import { configDefaults, defineConfig } from 'vitest/config';
import { TEST_NODE_FLAGS } from './tests/node-flags.ts';

const TIMED = [
  'tests/integration/backup/backup.test.ts',
  'tests/integration/backup/confirmed-saves.test.ts',
  'tests/integration/backup/crash-safety.test.ts',
  'tests/integration/backup/restore-responsive.test.ts',
  'tests/integration/backup/usage.test.ts',
  'tests/integration/vault/busy-checkpoint.test.ts',
  'tests/integration/vault/sign-in.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    execArgv: TEST_NODE_FLAGS,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...TIMED],
        },
      },
      { extends: true, test: { name: 'timed', include: TIMED } },
    ],
  },
});
