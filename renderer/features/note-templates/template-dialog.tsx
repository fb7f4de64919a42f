// The owner writes a note template: its name and 1 to 12 sections, each with a label, whether it
// must be filled before signing, and the help the editor shows under it. Editing an existing
// template publishes its next version (templates.supersede): notes written in the version before
// keep it. What is typed is a draft until it is saved (`note-template`, per template).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useFieldArray, useForm, useWatch, type Path } from 'react-hook-form';
import type { z } from 'zod';
import {
  draftKey,
  MAX_TEMPLATE_SECTIONS,
  TemplateInput,
  type NoteTemplate,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { templatesChanged } from './template-queries.ts';

type Values = z.input<typeof TemplateInput>;
type Parsed = z.output<typeof TemplateInput>;

const EMPTY_SECTION = { label: '', required: true, help: '' };

interface Props {
  /** The template to edit (its next version), or none for a new template. */
  template: NoteTemplate | null;
  onClose: () => void;
  onSaved: (template: NoteTemplate) => void;
}

const keyOf = (template: NoteTemplate | null): string =>
  template ? draftKey('note-template', template.id) : draftKey('note-template');

export function TemplateDialog(props: Props) {
  const saved = useSavedDraft(keyOf(props.template));
  return saved === undefined ? null : <TemplateForm {...props} saved={saved} />;
}

function startingValues(template: NoteTemplate | null): Values {
  if (!template) return { name: '', sections: [{ ...EMPTY_SECTION }] };
  return {
    name: template.current.name,
    sections: template.current.sections.map((s) => ({ label: s.label, required: s.required, help: s.help })),
  };
}

function TemplateForm({ template, onClose, onSaved, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(TemplateInput),
    defaultValues: withDraft<Values>(startingValues(template), saved),
  });
  const draft = useDialogDraft(form, keyOf(template), saved);
  const sections = useFieldArray({ control: form.control, name: 'sections' });
  const count = useWatch({ control: form.control, name: 'sections' }).length;
  const fields: Path<Values>[] = [
    'name',
    'sections',
    ...sections.fields.flatMap((_, i): Path<Values>[] => [`sections.${i}.label`, `sections.${i}.help`]),
  ];
  const save = useFormMutation({
    mutationFn: (values: Parsed) =>
      template
        ? call('templates.supersede', {
            templateId: template.id,
            basedOn: template.current.version,
            ...values,
          })
        : call('templates.create', values),
    onSuccess: (next) => {
      templatesChanged(queryClient);
      void draft.discard().then(() => {
        onSaved(next);
      });
    },
    form: { setError: form.setError, fields },
  });
  const { errors } = form.formState;
  const next = template ? template.current.version + 1 : 1;
  return (
    <FormDialog
      title={template ? `Edit “${template.current.name}”` : 'New note template'}
      description={
        template
          ? `Saving publishes version ${String(next)}. New notes use it; the ${String(template.notesWritten)} ${template.notesWritten === 1 ? 'note' : 'notes'} written in earlier versions keep theirs, and a draft started in version ${String(template.current.version)} keeps it.`
          : 'Clinicians choose it in the note editor beside SOAP, DAP, BIRP and free form. A section marked required must be filled in before a note can be signed.'
      }
      size="lg"
      className="template-dialog"
      onClose={onClose}
      draft={draft}
      mutation={save}
      onSubmit={form.handleSubmit(save.submit)}
      problemTitle={template ? 'The new version was not published' : 'The template was not saved'}
      submitLabel={template ? `Publish version ${String(next)}` : 'Save template'}
    >
      <Field
        label="Template name"
        error={errors.name?.message}
        hint="For example: Intake follow-up, Group session."
      >
        <TextInput {...form.register('name')} autoComplete="off" autoFocus maxLength={80} />
      </Field>
      <fieldset className="template-sections">
        <legend className="template-sections__legend">
          Sections{' '}
          <span className="muted">
            ({String(count)} of {String(MAX_TEMPLATE_SECTIONS)})
          </span>
        </legend>
        {errors.sections?.message && (
          <Banner tone="danger" live>
            {errors.sections.message}
          </Banner>
        )}
        <ol className="template-sections__list">
          {sections.fields.map((field, i) => (
            <li key={field.id} className="template-section">
              <span className="template-section__number" aria-hidden="true">
                {i + 1}
              </span>
              <div className="template-section__fields">
                <div className="template-section__top">
                  <Field
                    label={`Section ${String(i + 1)} label`}
                    error={errors.sections?.[i]?.label?.message}
                  >
                    <TextInput {...form.register(`sections.${i}.label`)} autoComplete="off" maxLength={60} />
                  </Field>
                  <CheckboxField
                    label="Required before signing"
                    className="template-section__required"
                    {...form.register(`sections.${i}.required`)}
                  />
                </div>
                <Field
                  label="Help text"
                  optional
                  hint="Shown under the section in the note editor."
                  error={errors.sections?.[i]?.help?.message}
                >
                  <TextArea {...form.register(`sections.${i}.help`)} rows={2} maxLength={500} />
                </Field>
              </div>
              <div className="template-section__tools">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Move section ${String(i + 1)} up`}
                  icon={<ArrowUp aria-hidden="true" size={16} />}
                  disabled={i === 0}
                  onClick={() => {
                    sections.move(i, i - 1);
                  }}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Move section ${String(i + 1)} down`}
                  icon={<ArrowDown aria-hidden="true" size={16} />}
                  disabled={i === sections.fields.length - 1}
                  onClick={() => {
                    sections.move(i, i + 1);
                  }}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove section ${String(i + 1)}`}
                  icon={<Trash2 aria-hidden="true" size={16} />}
                  disabled={sections.fields.length === 1}
                  onClick={() => {
                    sections.remove(i);
                  }}
                />
              </div>
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          icon={<Plus aria-hidden="true" size={16} />}
          disabled={count >= MAX_TEMPLATE_SECTIONS}
          onClick={() => {
            sections.append({ ...EMPTY_SECTION });
          }}
        >
          Add section
        </Button>
      </fieldset>
    </FormDialog>
  );
}
