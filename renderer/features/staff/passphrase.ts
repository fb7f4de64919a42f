// Strong temporary passwords: four random words and a two-digit number, chosen with
// crypto.getRandomValues and rejection sampling (no modulo bias). Easy to read out and type.
import { WORDS } from './passphrase-words.ts';

/** A uniform random integer in [0, max). */
export function randomIndex(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % max;
  }
}

export function generatePassphrase(words = 4): string {
  const picked: string[] = [];
  while (picked.length < words) {
    const word = WORDS[randomIndex(WORDS.length)];
    if (word !== undefined && !picked.includes(word)) picked.push(word);
  }
  return [...picked, String(10 + randomIndex(90))].join('-');
}
