// Settings > Note templates (owner): the practice's own progress-note templates, each with its
// current version's sections, how many notes were written in it, and its earlier versions. Editing
// publishes the next version; retiring stops new notes in it. main decides and refuses (owner only).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Archive, FilePlus2, History, PenLine } from 'lucide-react';
import { useState } from 'react';
import { draftKey, type NoteTemplate, type NoteTemplateVersion } from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Section } from '../../ui/section.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { TemplateDialog } from './template-dialog.tsx';
import { templatesChanged, templatesQuery } from './template-queries.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

export function NoteTemplatesSection() {
  const templates = useQuery(templatesQuery);
  const creating = useDraftDialog(draftKey('note-template'));
  const [editing, setEditing] = useState<NoteTemplate | null>(null);
  const [retiring, setRetiring] = useState<NoteTemplate | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = templates.data ?? [];
  const active = list.filter((t) => t.retiredAt === null);
  const retired = list.filter((t) => t.retiredAt !== null);
  return (
    <Section
      title="Note templates"
      description="Your practice’s own progress-note templates, offered in the note editor beside SOAP, DAP, BIRP and free form. A template is versioned: editing it publishes a new version for new notes, and every note keeps the version it was written in."
      className="templates-section"
    >
      {templates.isPending && <LoadingState label="Loading the note templates…" />}
      {templates.isError && (
        <Banner tone="danger" live>
          {templates.error.message}
        </Banner>
      )}
      {done && (
        <Banner tone="success" live>
          {done}
        </Banner>
      )}
      {templates.data && (
        <>
          {active.length === 0 && (
            <p className="form__lead">
              No practice templates yet: clinicians write in SOAP, DAP, BIRP or free form.
            </p>
          )}
          <ul className="templates" aria-label="Active templates">
            {active.map((t) => (
              <TemplateCard
                key={t.id}
                template={t}
                onEdit={() => {
                  setDone(null);
                  setEditing(t);
                }}
                onRetire={() => {
                  setDone(null);
                  setRetiring(t);
                }}
              />
            ))}
          </ul>
          <div className="form__actions">
            <Button
              variant="primary"
              icon={<FilePlus2 aria-hidden="true" size={16} />}
              onClick={() => {
                setDone(null);
                creating.show();
              }}
            >
              New template
            </Button>
          </div>
          {retired.length > 0 && (
            <details className="templates__retired">
              <summary>Retired templates ({String(retired.length)})</summary>
              <ul className="templates" aria-label="Retired templates">
                {retired.map((t) => (
                  <TemplateCard key={t.id} template={t} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {creating.open && (
        <TemplateDialog
          template={null}
          onClose={creating.close}
          onSaved={(t) => {
            creating.close();
            setDone(`“${t.current.name}” is saved. Clinicians can choose it for new notes.`);
          }}
        />
      )}
      {editing && (
        <TemplateDialog
          template={editing}
          onClose={() => {
            setEditing(null);
          }}
          onSaved={(t) => {
            setEditing(null);
            setDone(
              `Version ${String(t.current.version)} of “${t.current.name}” is published. Notes written in earlier versions keep theirs.`,
            );
          }}
        />
      )}
      {retiring && (
        <RetireDialog
          template={retiring}
          onClose={() => {
            setRetiring(null);
          }}
          onRetired={(t) => {
            setRetiring(null);
            setDone(`“${t.current.name}” is retired. Notes written in it keep it.`);
          }}
        />
      )}
    </Section>
  );
}

function SectionList({ version }: { version: NoteTemplateVersion }) {
  return (
    <ol className="template-card__sections">
      {version.sections.map((s) => (
        <li key={s.key}>
          <span className="template-card__label">{s.label}</span>
          {s.required ? <Badge tone="accent">Required</Badge> : <span className="muted">Optional</span>}
          {s.help && <span className="template-card__help">{s.help}</span>}
        </li>
      ))}
    </ol>
  );
}

function TemplateCard({
  template,
  onEdit,
  onRetire,
}: {
  template: NoteTemplate;
  onEdit?: () => void;
  onRetire?: () => void;
}) {
  const v = template.current;
  const earlier = template.versions.filter((x) => x.id !== v.id);
  const required = v.sections.filter((s) => s.required).length;
  return (
    <li className="template-card" aria-label={v.name}>
      <div className="template-card__head">
        <div>
          <h3 className="template-card__name">
            {v.name}
            <Badge tone={template.retiredAt ? 'neutral' : 'success'}>
              {template.retiredAt ? 'Retired' : 'Active'}
            </Badge>
          </h3>
          <p className="template-card__meta">
            {`Version ${String(v.version)} · ${plural(v.sections.length, 'section')}, ${String(required)} required · ${template.notesWritten === 0 ? 'no notes yet' : `${plural(template.notesWritten, 'note')} written`}`}
          </p>
          <p className="template-card__meta muted">
            {template.retiredAt
              ? `Retired ${formatShortDateTime(template.retiredAt)} by ${template.retiredBy?.displayName ?? 'Unknown'}`
              : `Published ${formatShortDateTime(v.createdAt)} by ${v.createdBy.displayName}`}
          </p>
        </div>
        {(onEdit ?? onRetire) && (
          <div className="template-card__actions">
            {onEdit && (
              <Button size="sm" icon={<PenLine aria-hidden="true" size={15} />} onClick={onEdit}>
                Edit
              </Button>
            )}
            {onRetire && (
              <Button
                size="sm"
                variant="ghost"
                icon={<Archive aria-hidden="true" size={15} />}
                onClick={onRetire}
              >
                Retire
              </Button>
            )}
          </div>
        )}
      </div>
      <SectionList version={v} />
      {earlier.length > 0 && (
        <details className="template-card__history">
          <summary>
            <History aria-hidden="true" size={14} /> Earlier versions ({String(earlier.length)})
          </summary>
          {earlier.map((e) => (
            <div key={e.id} className="template-card__version">
              <p className="template-card__meta">
                {`Version ${String(e.version)}: “${e.name}”, published ${formatShortDateTime(e.createdAt)} by ${e.createdBy.displayName}`}
              </p>
              <SectionList version={e} />
            </div>
          ))}
        </details>
      )}
    </li>
  );
}

function RetireDialog({
  template,
  onClose,
  onRetired,
}: {
  template: NoteTemplate;
  onClose: () => void;
  onRetired: (t: NoteTemplate) => void;
}) {
  const queryClient = useQueryClient();
  const retire = useMutation({
    mutationFn: () => call('templates.retire', { templateId: template.id }),
    onSuccess: (t) => {
      templatesChanged(queryClient);
      onRetired(t);
    },
  });
  return (
    <ConfirmDialog
      title={`Retire “${template.current.name}”?`}
      confirmLabel="Retire template"
      confirmIcon={<Archive aria-hidden="true" size={16} />}
      variant="danger"
      busy={retire.isPending}
      problem={
        retire.error
          ? isApiError(retire.error)
            ? retire.error.message
            : 'The template was not retired.'
          : null
      }
      onClose={onClose}
      onConfirm={() => {
        retire.mutate();
      }}
    >
      <p>
        No new notes can be started in it. The notes already written in it, and drafts already started, keep
        it.
      </p>
      <p className="muted">A retired template cannot be brought back or changed.</p>
    </ConfirmDialog>
  );
}
