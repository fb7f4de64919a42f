// The owner's note templates: create, publish a new version (supersede), retire, and the list the
// note editor offers. Every change is one transaction with its audit entry (45 CFR 164.312(b)). A
// version is never changed (164.312(c)(1); the database refuses it too, migration 0019): an edit is
// always the next version.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  SECTION_KEYS,
  type NoteTemplate,
  type NoteTemplateVersion,
  type TemplateInput,
  type TemplateSection,
} from '../../../preload/contract/note-templates.ts';
import { TEMPLATES } from '../../../preload/contract/notes.ts';
import { actorOf, inTransaction, nowIso, readDb, type CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../sessions/index.ts';
import { staffNames } from '../staff/index.ts';
import { parseTemplateSections } from './codecs.ts';
import {
  getTemplate,
  insertTemplate,
  insertVersion,
  listTemplates,
  retireTemplate,
  standingOf,
  versionsByIds,
  versionsOf,
  type TemplateRow,
  type VersionRow,
} from './queries.ts';

type Input = z.output<typeof TemplateInput>;

/** How many notes (drafts and signed) were written in each template version, by version id. */
export type NotesWritten = (db: Kysely<DB>) => Promise<Map<string, number>>;

const BUILT_IN_NAMES = new Set(Object.values(TEMPLATES).map((t) => t.label.toLowerCase()));

const nameIssue = (message: string) =>
  new AppError('INVALID_INPUT', message, { fields: [{ path: 'name', message }] });

/** The sections as a version stores them: keyed by position (SECTION_KEYS). */
const toSections = (input: Input): TemplateSection[] =>
  input.sections.map((s, i) => ({
    key: SECTION_KEYS[i] ?? 'twelve',
    label: s.label,
    required: s.required,
    help: s.help,
  }));

/** Versions as the contract gives them, with their template's standing today. */
export async function toVersions(db: Kysely<DB>, rows: VersionRow[]): Promise<NoteTemplateVersion[]> {
  const standing = new Map(
    (await standingOf(db, [...new Set(rows.map((r) => r.template_id))])).map((s) => [s.id, s]),
  );
  const names = await staffNames(
    db,
    rows.map((r) => r.created_by),
  );
  return rows.map((r) => ({
    id: r.id,
    templateId: r.template_id,
    version: r.version,
    name: r.name,
    sections: parseTemplateSections(r),
    createdAt: r.created_at,
    createdBy: { id: r.created_by, displayName: names.get(r.created_by) ?? 'Unknown' },
    latestVersion: standing.get(r.template_id)?.latest ?? r.version,
    retired: (standing.get(r.template_id)?.retired_at ?? null) !== null,
  }));
}

/** These versions by id (any state: a note keeps its version after it is superseded or retired). */
export async function templateVersions(
  db: Kysely<DB>,
  ids: Iterable<string>,
): Promise<Map<string, NoteTemplateVersion>> {
  const rows = await versionsByIds(db, [...new Set(ids)]);
  return new Map((await toVersions(db, rows)).map((v) => [v.id, v]));
}

/**
 * The version a note may be started in, or moved to: the latest version of an active template.
 * A draft that already holds an older version keeps it (the notes room does not ask again).
 */
export async function versionForNewNote(db: Kysely<DB>, versionId: string): Promise<NoteTemplateVersion> {
  const v = (await templateVersions(db, [versionId])).get(versionId);
  const refuse = (message: string) =>
    new AppError('INVALID_INPUT', message, { fields: [{ path: 'template', message }] });
  if (!v) throw refuse('Choose a template.');
  if (v.retired) throw refuse(`The template “${v.name}” was retired: choose another one.`);
  if (v.version !== v.latestVersion) {
    throw refuse(`A newer version of “${v.name}” was published: choose the template again.`);
  }
  return v;
}

export class NoteTemplatesService {
  private readonly ctx: CoreContext;
  private readonly notesWritten: NotesWritten;
  constructor(ctx: CoreContext, notesWritten: NotesWritten) {
    this.ctx = ctx;
    this.notesWritten = notesWritten;
  }

  async list(): Promise<NoteTemplate[]> {
    const db = readDb(this.ctx);
    return this.assemble(db, await listTemplates(db));
  }

  /** The current version of every active template, by name: what the note editor offers. */
  async available(): Promise<NoteTemplateVersion[]> {
    const db = readDb(this.ctx);
    const active = (await listTemplates(db)).filter((t) => t.retired_at === null);
    const versions = await toVersions(
      db,
      await versionsOf(
        db,
        active.map((t) => t.id),
      ),
    );
    return versions
      .filter((v) => v.version === v.latestVersion)
      .sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
  }

  async create(session: Session, input: Input): Promise<NoteTemplate> {
    await this.checkName(input.name, null);
    const now = nowIso(this.ctx);
    const templateId = randomUUID();
    await inTransaction(this.ctx, async (trx) => {
      await insertTemplate(trx, { id: templateId, created_at: now, created_by: session.userId });
      await this.publish(trx, session, templateId, 1, input, now);
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'template.create',
        targetType: 'noteTemplate',
        targetId: templateId,
        detail: { version: 1, name: input.name, sections: input.sections.length },
      });
    });
    return this.one(templateId);
  }

  /** Publishes the next version; the one the owner edited (`basedOn`) must still be the latest. */
  async supersede(
    session: Session,
    input: Input & { templateId: string; basedOn: number },
  ): Promise<NoteTemplate> {
    const db = readDb(this.ctx);
    const template = await this.existing(db, input.templateId);
    if (template.retired_at !== null) {
      throw new AppError('CONFLICT', 'This template is retired: it can no longer be changed.');
    }
    const [current] = await versionsOf(db, [template.id]);
    if (!current) throw new AppError('NOT_FOUND', 'This template no longer exists.');
    if (current.version !== input.basedOn) {
      throw new AppError(
        'CONFLICT',
        `Version ${String(current.version)} of this template was published meanwhile. Open it again to make your change.`,
      );
    }
    const sections = toSections(input);
    if (
      current.name === input.name &&
      JSON.stringify(parseTemplateSections(current)) === JSON.stringify(sections)
    ) {
      throw new AppError('INVALID_INPUT', 'Nothing was changed: there is no new version to publish.');
    }
    await this.checkName(input.name, template.id);
    const version = current.version + 1;
    await inTransaction(this.ctx, async (trx) => {
      // Asked again under the write lock: another window may have published or retired meanwhile.
      const [latest] = await versionsOf(trx, [template.id]);
      if (latest?.version !== current.version || (await getTemplate(trx, template.id))?.retired_at) {
        throw new AppError(
          'CONFLICT',
          'This template was changed meanwhile. Open it again to make your change.',
        );
      }
      await this.publish(trx, session, template.id, version, input, nowIso(this.ctx));
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'template.supersede',
        targetType: 'noteTemplate',
        targetId: template.id,
        detail: { version, name: input.name, sections: input.sections.length, supersedes: current.version },
      });
    });
    return this.one(template.id);
  }

  async retire(session: Session, templateId: string): Promise<NoteTemplate> {
    const db = readDb(this.ctx);
    const template = await this.existing(db, templateId);
    const [current] = await versionsOf(db, [templateId]);
    await inTransaction(this.ctx, async (trx) => {
      if ((await retireTemplate(trx, templateId, nowIso(this.ctx), session.userId)) === 0) {
        throw new AppError('CONFLICT', 'This template is already retired.');
      }
      await this.ctx.audit.append(trx, actorOf(session), {
        action: 'template.retire',
        targetType: 'noteTemplate',
        targetId: template.id,
        detail: { version: current?.version ?? null, name: current?.name ?? null },
      });
    });
    return this.one(templateId);
  }

  private async publish(
    trx: Kysely<DB>,
    session: Session,
    templateId: string,
    version: number,
    input: Input,
    at: string,
  ): Promise<void> {
    await insertVersion(trx, {
      id: randomUUID(),
      template_id: templateId,
      version,
      name: input.name,
      sections: JSON.stringify(toSections(input)),
      created_at: at,
      created_by: session.userId,
    });
  }

  /** A name tells templates apart in the editor: not a built-in's, not another active template's. */
  private async checkName(name: string, self: string | null): Promise<void> {
    const wanted = name.toLowerCase();
    if (BUILT_IN_NAMES.has(wanted)) throw nameIssue(`“${name}” is the name of a built-in template.`);
    for (const v of await this.available()) {
      if (v.templateId !== self && v.name.toLowerCase() === wanted) {
        throw nameIssue(`Another template is already called “${v.name}”.`);
      }
    }
  }

  private async existing(db: Kysely<DB>, id: string): Promise<TemplateRow> {
    const t = await getTemplate(db, id);
    if (!t) throw new AppError('NOT_FOUND', 'This template does not exist.');
    return t;
  }

  private async one(templateId: string): Promise<NoteTemplate> {
    const db = readDb(this.ctx);
    const t = await getTemplate(db, templateId);
    if (!t) throw new AppError('NOT_FOUND', 'This template does not exist.');
    const [one] = await this.assemble(db, [t]);
    if (!one) throw new AppError('NOT_FOUND', 'This template does not exist.');
    return one;
  }

  private async assemble(db: Kysely<DB>, templates: TemplateRow[]): Promise<NoteTemplate[]> {
    const versions = await toVersions(
      db,
      await versionsOf(
        db,
        templates.map((t) => t.id),
      ),
    );
    const written = await this.notesWritten(db);
    const retirers = await staffNames(
      db,
      templates.flatMap((t) => (t.retired_by ? [t.retired_by] : [])),
    );
    return templates.flatMap((t) => {
      const mine = versions.filter((v) => v.templateId === t.id);
      const current = mine[0];
      if (!current) return [];
      return [
        {
          id: t.id,
          current,
          versions: mine,
          notesWritten: mine.reduce((n, v) => n + (written.get(v.id) ?? 0), 0),
          retiredAt: t.retired_at,
          retiredBy: t.retired_by
            ? { id: t.retired_by, displayName: retirers.get(t.retired_by) ?? 'Unknown' }
            : null,
        },
      ];
    });
  }
}
