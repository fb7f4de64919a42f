// Checks a release package the way a recipient would read it, on every package the tests produce
// (make-practice.ts runs it after each successful export): the FHIR bundle validates against the
// official R4 JSON schema with zero errors, and the PDF's text (pdftotext) carries the client's
// name exactly as the bundle's Patient has it. Also reads a package's whole text for assertions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { pdfText } from './releases.ts';

const Bundle = z.object({
  resourceType: z.literal('Bundle'),
  entry: z
    .array(
      z.object({
        resource: z.looseObject({
          resourceType: z.string(),
          name: z
            .array(
              z.looseObject({
                use: z.string().optional(),
                family: z.string().optional(),
                given: z.array(z.string()).optional(),
              }),
            )
            .optional(),
          content: z
            .array(z.object({ attachment: z.looseObject({ data: z.string().optional() }) }))
            .optional(),
        }),
      }),
    )
    .optional(),
});
type Bundle = z.infer<typeof Bundle>;

/** The FHIR bundle of a package: beside the PDF, or inside it when the package has a password. */
export function packageBundle(dir: string, password?: string): unknown {
  const plain = join(dir, 'records.fhir.json');
  if (existsSync(plain)) return JSON.parse(readFileSync(plain, 'utf8')) as unknown;
  if (!password) return null;
  const tmp = mkdtempSync(join(tmpdir(), 'stillwater-detach-'));
  try {
    const listed = execFileSync('pdfdetach', ['-upw', password, '-list', join(dir, 'records.pdf')], {
      encoding: 'utf8',
    });
    if (!listed.includes('records.fhir.json')) return null;
    const file = join(tmp, 'records.fhir.json');
    execFileSync('pdfdetach', ['-upw', password, '-save', '1', '-o', file, join(dir, 'records.pdf')]);
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const attachmentsText = (b: Bundle): string =>
  (b.entry ?? [])
    .flatMap((e) => e.resource.content ?? [])
    .map((c) => (c.attachment.data ? Buffer.from(c.attachment.data, 'base64').toString('utf8') : ''))
    .join('\n');

/** Everything a recipient can read in the package: the PDF's text and the bundle's documents. */
export function packageText(dir: string, password?: string): string {
  const pdf = pdfText(join(dir, 'records.pdf'), password);
  const raw = packageBundle(dir, password);
  return raw === null ? pdf : `${pdf}\n${attachmentsText(Bundle.parse(raw))}`;
}

/** Throws, saying what is wrong, unless the package is a faithful, valid one. */
export async function checkPackage(dir: string, password?: string): Promise<void> {
  const pdfName = existsSync(join(dir, 'records.pdf')) ? 'records.pdf' : 'denial-letter.pdf';
  const text = pdfText(join(dir, pdfName), password);
  if (text.trim().length === 0) throw new Error(`${pdfName} has no extractable text`);
  const raw = packageBundle(dir, password);
  if (raw === null) return;
  // Loaded on first use: compiling the R4 schema takes a moment, and most test files never export.
  const { fhirSchemaErrors } = await import('./fhir-schema.ts');
  const errors = fhirSchemaErrors(raw);
  if (errors.length > 0)
    throw new Error(`FHIR bundle fails the R4 schema:\n${errors.slice(0, 20).join('\n')}`);
  const bundle = Bundle.parse(raw);
  const patient = bundle.entry?.find((e) => e.resource.resourceType === 'Patient')?.resource;
  const official = patient?.name?.find((n) => n.use === 'official') ?? patient?.name?.[0];
  const name = `${official?.given?.join(' ') ?? ''} ${official?.family ?? ''}`.trim();
  if (!name || !text.includes(name))
    throw new Error(`the PDF does not print the client's name “${name}” exactly`);
}
