// The practice's own note templates (issue 20): the owner names the sections of a progress note,
// which must be filled before signing and the help the editor shows under each. A template is
// versioned: a version never changes; editing publishes the next version, which supersedes it for
// new notes, and a note keeps the version it was started in. A retired template starts no notes.
import { z } from 'zod';
import { StaffRef } from './clients.ts';
import { channel, Empty, Id, multiLineText, requiredText } from './common.ts';

export const MAX_TEMPLATE_SECTIONS = 12;
const NAME_MAX = 80;
const LABEL_MAX = 60;
const HELP_MAX = 500;

/**
 * A section's key in the note's sections, by position: a version's sections never change, so a
 * note written in version 1 reads version 1's labels with the same keys. Letters only, as the
 * notes contract wants a section key to be.
 */
export const SECTION_KEYS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
] as const;
export const SectionKey = z.enum(SECTION_KEYS);

/** A section as a version stores it and the editor shows it. */
export const TemplateSection = z.strictObject({
  key: SectionKey,
  label: z.string(),
  required: z.boolean(),
  help: z.string(),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

export const TemplateSectionInput = z.strictObject({
  label: requiredText('A section label', LABEL_MAX),
  required: z.boolean({ error: 'Say whether the section is required.' }),
  help: multiLineText('The help text', HELP_MAX),
});
export type TemplateSectionInput = z.input<typeof TemplateSectionInput>;

/** What the owner writes: a name and 1 to 12 sections with different labels. */
export const TemplateInput = z.strictObject({
  name: requiredText('The template name', NAME_MAX),
  sections: z
    .array(TemplateSectionInput, { error: 'Add the template’s sections.' })
    .min(1, 'A template needs at least one section.')
    .max(MAX_TEMPLATE_SECTIONS, `A template has at most ${String(MAX_TEMPLATE_SECTIONS)} sections.`)
    .superRefine((sections, ctx) => {
      const seen = new Set<string>();
      sections.forEach((s, i) => {
        const label = s.label.toLowerCase();
        if (label && seen.has(label)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'label'],
            message: 'Two sections cannot have the same label.',
          });
        }
        seen.add(label);
      });
    }),
});
export type TemplateInput = z.input<typeof TemplateInput>;

/**
 * One version of a practice template, with where it stands today: the template's latest version
 * number and whether it is retired (a draft in an older version says so and keeps it).
 */
export const NoteTemplateVersion = z.strictObject({
  id: Id,
  templateId: Id,
  version: z.number().int().positive(),
  name: z.string(),
  sections: z.array(TemplateSection).min(1).max(MAX_TEMPLATE_SECTIONS),
  createdAt: z.string(),
  createdBy: StaffRef,
  latestVersion: z.number().int().positive(),
  retired: z.boolean(),
});
export type NoteTemplateVersion = z.infer<typeof NoteTemplateVersion>;

export const NoteTemplate = z.strictObject({
  id: Id,
  /** The latest version: the one new notes are written in while the template is active. */
  current: NoteTemplateVersion,
  /** Every version, newest first (the current one included). */
  versions: z.array(NoteTemplateVersion),
  /** Notes (drafts and signed) written in any version: a template in use is only ever superseded. */
  notesWritten: z.number().int().nonnegative(),
  retiredAt: z.string().nullable(),
  retiredBy: StaffRef.nullable(),
});
export type NoteTemplate = z.infer<typeof NoteTemplate>;

const TemplateRef = z.strictObject({ templateId: Id });

export const noteTemplateChannels = {
  /** Every template of the practice with its versions (Settings → Note templates). */
  'templates.list': channel({ input: Empty, output: z.array(NoteTemplate), access: ['owner'] }),
  'templates.create': channel({ input: TemplateInput, output: NoteTemplate, access: ['owner'] }),
  /**
   * Publishes the next version. `basedOn` is the version the owner edited: if another version
   * was published meanwhile, the edit is refused rather than silently replacing it.
   */
  'templates.supersede': channel({
    input: z.strictObject({
      templateId: Id,
      basedOn: z.number().int().positive(),
      ...TemplateInput.shape,
    }),
    output: NoteTemplate,
    access: ['owner'],
  }),
  /** No new notes in it; notes written in it keep their version. */
  'templates.retire': channel({ input: TemplateRef, output: NoteTemplate, access: ['owner'] }),
  /** The current version of every active template: what the note editor offers. */
  'templates.available': channel({
    input: Empty,
    output: z.array(NoteTemplateVersion),
    access: ['owner', 'clinician'],
  }),
} as const;
