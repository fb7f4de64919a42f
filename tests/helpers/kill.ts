// Runs a test's child process (a core that SIGKILLs itself at a chosen moment) to its end: the
// crash tests use real processes, not a simulated crash.
import { spawn } from 'node:child_process';
import { TEST_NODE_FLAGS } from '../node-flags.ts';

/** Starts `file` on Node with `env` added (NODE_OPTIONS dropped); resolves with its exit signal and stderr. */
export async function runUntilKilled(
  file: string,
  env: Record<string, string>,
): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_OPTIONS;
  const child = spawn(process.execPath, [...TEST_NODE_FLAGS, file], {
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const signal = await new Promise<NodeJS.Signals | null>((done) => {
    child.once('exit', (_code, s) => {
      done(s);
    });
  });
  return { signal, stderr };
}
