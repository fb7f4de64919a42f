// The packages that leave the practice: exporting an approved release or a denial letter to a
// folder the person picks, verifying a package folder against its manifest and the disclosure log,
// and what an export that did not finish left behind.
import { z } from 'zod';
import { channel, Id, plainText } from '../common.ts';
import { releaseRoles, RequestRef } from './record.ts';

export const VerifyResult = z.strictObject({
  ok: z.boolean(),
  manifestSha256: z.string().nullable(),
  files: z.array(z.strictObject({ name: z.string(), ok: z.boolean() })),
  /** Whether the disclosure log records exactly this manifest leaving the practice. */
  inDisclosureLog: z.boolean(),
  problems: z.array(z.string()),
  /** Files the operating system adds to folders (.DS_Store, Thumbs.db, desktop.ini), not checked. */
  ignored: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const releasePackageChannels = {
  /** Main asks where to write (a folder picker the person answers), then writes the package. */
  'releases.export': channel({
    input: z.strictObject({
      requestId: Id,
      password: z
        .string()
        .min(12, 'Use a password of at least 12 characters.')
        .max(128)
        .superRefine(plainText('The package password', 'secret'))
        .optional(),
    }),
    output: z
      .strictObject({ packageName: z.string(), manifestSha256: z.string(), files: z.array(z.string()) })
      .nullable(),
    access: releaseRoles,
  }),
  'releases.exportDenialLetter': channel({
    input: RequestRef,
    output: z
      .strictObject({ packageName: z.string(), manifestSha256: z.string(), files: z.array(z.string()) })
      .nullable(),
    access: releaseRoles,
  }),
  /** Main asks which package folder to check, then verifies it. */
  'releases.verifyPackage': channel({
    input: z.strictObject({}),
    output: VerifyResult.nullable(),
    access: releaseRoles,
  }),
  'releases.pendingProblems': channel({
    input: z.strictObject({}),
    output: z.array(z.strictObject({ requestId: Id, message: z.string() })),
    access: ['owner'],
  }),
} as const;
