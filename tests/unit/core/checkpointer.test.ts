// The idle checkpointer's busy folds aside: one starts after BUSY_CHECKPOINT_WRITES writes, never
// while the database is closing or changing key (cancel() until resume()), and settled() waits
// for the running one and then releases its thread.
import { describe, expect, it } from 'vitest';
import { BUSY_CHECKPOINT_WRITES, IdleCheckpointer } from '../../../main/core/vault/checkpointer.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';

function counting(): { checkpointer: IdleCheckpointer; asides: () => number; released: () => number } {
  let asides = 0;
  let released = 0;
  const checkpointer = new IdleCheckpointer(
    new FakeClock(),
    () => Promise.resolve(),
    () => {
      asides += 1;
      return Promise.resolve();
    },
    () => {
      released += 1;
      return Promise.resolve();
    },
  );
  return { checkpointer, asides: () => asides, released: () => released };
}

const writes = async (checkpointer: IdleCheckpointer, n: number): Promise<void> => {
  for (let i = 0; i < n; i++) {
    checkpointer.noteWrite();
    await Promise.resolve();
  }
};

describe('IdleCheckpointer folds aside', () => {
  it('starts one after the busy threshold of writes, not before', async () => {
    const { checkpointer, asides } = counting();
    await writes(checkpointer, BUSY_CHECKPOINT_WRITES - 1);
    expect(asides()).toBe(0);
    await writes(checkpointer, 1);
    expect(asides()).toBe(1);
  });

  it('starts none between cancel() and resume(), however many writes come', async () => {
    const { checkpointer, asides, released } = counting();
    checkpointer.cancel();
    await checkpointer.settled();
    expect(released()).toBe(1);
    await writes(checkpointer, BUSY_CHECKPOINT_WRITES * 3);
    expect(asides()).toBe(0);
    checkpointer.resume();
    await writes(checkpointer, BUSY_CHECKPOINT_WRITES);
    expect(asides()).toBe(1);
  });
});
