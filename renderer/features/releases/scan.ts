// Reads a scanned, signed form the user attaches (PDF, PNG or JPEG, up to 10 MB) as base64.
export interface Scan {
  name: string;
  type: 'application/pdf' | 'image/png' | 'image/jpeg';
  base64: string;
}

const TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
const MAX_BYTES = 10 * 1024 * 1024;

const isScanType = (t: string): t is Scan['type'] => (TYPES as readonly string[]).includes(t);

/** The scan, or a message saying why it cannot be attached. */
export async function readScan(file: File): Promise<Scan | string> {
  if (!isScanType(file.type)) return 'Attach a PDF, PNG or JPEG scan.';
  if (file.size > MAX_BYTES) return 'The scan must be 10 MB or smaller.';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { name: file.name.slice(0, 200), type: file.type, base64: btoa(binary) };
}
