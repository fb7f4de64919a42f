// A template version's sections as stored (JSON), read through zod (STYLE.md rule 17): a row
// edited on disk into anything else is refused (DATABASE_DAMAGED), never shown as a wrong layout.
import { z } from 'zod';
import { MAX_TEMPLATE_SECTIONS, TemplateSection } from '../../../preload/contract/note-templates.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';

const StoredSections = z.array(TemplateSection).min(1).max(MAX_TEMPLATE_SECTIONS);

export const parseTemplateSections = (v: { id: string; sections: string }): TemplateSection[] =>
  parseStored(
    StoredSections,
    v.sections,
    () => new UnreadableRecord({ type: 'noteTemplate', id: v.id }, unreadableMessage('note template')),
  );
