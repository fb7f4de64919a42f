// Reads an encrypted database file (or its write-ahead log) page by page as plaintext, with the
// data key, the way an attacker holding the key would: every page, free pages and unused space
// included. SQLCipher 4 pages are AES-256-CBC with the raw key; each page ends with its IV (16 bytes)
// and HMAC (64 bytes); page 1 starts with the file's 16-byte salt. Scanning the encrypted file as
// bytes would prove nothing, so a test finds its words in these pages first (a positive control).
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const PAGE = 4096;
const RESERVE = 80;

function decryptPage(page: Buffer, pageNo: number, key: Buffer): Buffer {
  const start = pageNo === 1 ? 16 : 0;
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE - RESERVE)), decipher.final()]);
}

/** Every page of a database file, decrypted (an all-zero page, never written, stays as it is). */
export function plainDatabasePages(file: string, key: Buffer): Buffer[] {
  const data = readFileSync(file);
  const out: Buffer[] = [];
  for (let i = 0; i * PAGE < data.length; i++) {
    const page = data.subarray(i * PAGE, (i + 1) * PAGE);
    out.push(page.every((b) => b === 0) ? page : decryptPage(page, i + 1, key));
  }
  return out;
}

/** Every frame's page of a write-ahead log, decrypted; none when the log is absent or empty. */
export function plainWalPages(file: string, key: Buffer): Buffer[] {
  if (!existsSync(file)) return [];
  const data = readFileSync(file);
  const out: Buffer[] = [];
  for (let off = 32; off + 24 + PAGE <= data.length; off += 24 + PAGE) {
    const pageNo = data.readUInt32BE(off);
    out.push(decryptPage(data.subarray(off + 24, off + 24 + PAGE), pageNo, key));
  }
  return out;
}

/** Which of `words` appear (case-insensitively, as UTF-8 or UTF-16) in any of `pages`. */
export function wordsIn(pages: readonly Buffer[], words: readonly string[]): string[] {
  const text = pages.map((p) => p.toString('latin1').toLowerCase()).join('\n');
  const wide = pages.map((p) => p.toString('utf16le').toLowerCase()).join('\n');
  return words.filter((w) => text.includes(w.toLowerCase()) || wide.includes(w.toLowerCase()));
}
