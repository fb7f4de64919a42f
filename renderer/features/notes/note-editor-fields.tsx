// The note editor's parts: the session (kind, template, date, times, code, modality, place and
// people), the risk assessment, and the template's sections with the Part 2 marking.
import { useQuery } from '@tanstack/react-query';
import { CalendarClock, NotebookPen, ShieldAlert } from 'lucide-react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import {
  codeForMinutes,
  durationMinutes,
  isTimedCode,
  MODALITY_LABELS,
  noteLayout,
  SERVICE_CODES,
  TEMPLATES,
  type BuiltInTemplate,
  type NoteKind,
  type NoteTemplateVersion,
} from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';
import { Card } from '../../ui/card.tsx';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { minutesText, type RiskLevel } from './note-format.tsx';
import { SECTION_HINTS } from './note-sections.ts';
import { availableTemplatesQuery } from '../note-templates/template-queries.ts';
import type { Modality, NoteValues, ServiceCode, TemplateChoice } from './note-values.ts';

const KINDS: ChoiceOption<NoteKind>[] = [
  { value: 'progress', label: 'Progress note' },
  { value: 'psychotherapy', label: 'Psychotherapy note' },
];

const BUILT_IN = Object.keys(TEMPLATES) as BuiltInTemplate[];
const TEMPLATE_OPTIONS: ChoiceOption<BuiltInTemplate>[] = BUILT_IN.map((t) => ({
  value: t,
  label: TEMPLATES[t].label,
}));

const MODALITIES: ChoiceOption<Modality>[] = (Object.keys(MODALITY_LABELS) as Modality[]).map((m) => ({
  value: m,
  label: MODALITY_LABELS[m],
}));

const RISKS: ChoiceOption<RiskLevel>[] = [
  { value: 'none', label: 'None' },
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate', tone: 'warning' },
  { value: 'high', label: 'High', tone: 'danger' },
];

const CODES = Object.entries(SERVICE_CODES) as [ServiceCode, string][];

/** Progress or psychotherapy note: in the editor's header, since it decides what the note is. */
export function KindChoice() {
  const { control } = useFormContext<NoteValues>();
  return (
    <Controller
      control={control}
      name="kind"
      render={({ field }) => (
        <ChoiceGroupField
          label="Kind of note"
          hideLabel
          name={field.name}
          options={KINDS}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          className="note-kind"
        />
      )}
    />
  );
}

export function SessionCard() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<NoteValues>();
  const kind = useWatch({ control, name: 'kind' });
  const progress = kind === 'progress';
  return (
    <Card title="Session" icon={<CalendarClock size={18} />} className="note-card">
      <div className={progress ? 'note-when' : 'note-when note-when--date'}>
        <Field label="Service date" error={errors.serviceDate?.message}>
          <TextInput type="date" {...register('serviceDate')} />
        </Field>
        {progress && (
          <>
            <Field label="Start" error={errors.startTime?.message}>
              <TextInput type="time" {...register('startTime')} />
            </Field>
            <Field label="End" error={errors.endTime?.message}>
              <TextInput type="time" {...register('endTime')} />
            </Field>
            <Duration />
          </>
        )}
      </div>
      {progress && (
        <>
          <div className="note-billing">
            <Field label="Service code" error={errors.serviceCode?.message} hint={<CodeHint />}>
              <Select {...register('serviceCode')}>
                <option value="">Choose a service code…</option>
                {CODES.map(([code, label]) => (
                  <option key={code} value={code}>
                    {code} — {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Controller
              control={control}
              name="modality"
              render={({ field }) => (
                <ChoiceGroupField
                  label="How the session took place"
                  name={field.name}
                  options={MODALITIES}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  inputRef={field.ref}
                  error={errors.modality?.message}
                />
              )}
            />
          </div>
          <div className="form__row form__row--half">
            <Field label="Location" optional error={errors.location?.message}>
              <TextInput
                {...register('location')}
                autoComplete="off"
                placeholder="Office 2, or where the client joined from"
              />
            </Field>
            <Field label="Participants" optional error={errors.participants?.message}>
              <TextInput
                {...register('participants')}
                autoComplete="off"
                placeholder="Client; others present"
              />
            </Field>
          </div>
        </>
      )}
    </Card>
  );
}

function Duration() {
  const { control } = useFormContext<NoteValues>();
  const [start, end] = useWatch({ control, name: ['startTime', 'endTime'] });
  const minutes = durationMinutes(start, end);
  return (
    <div className="field note-duration">
      <span className="field__label">Duration</span>
      <output className="note-duration__value" aria-live="polite">
        {minutes !== null ? minutesText(minutes) : <span className="muted">—</span>}
      </output>
    </div>
  );
}

function CodeHint() {
  const { control } = useFormContext<NoteValues>();
  const [start, end, code] = useWatch({ control, name: ['startTime', 'endTime', 'serviceCode'] });
  const minutes = durationMinutes(start, end);
  // The bands are serviceCodeMismatch's; an intake, family or group code has no time to suggest.
  const suggested = minutes === null ? null : codeForMinutes(minutes);
  if (minutes === null || suggested === null || (code !== '' && !isTimedCode(code))) return null;
  if (code === suggested) return `Matches ${minutesText(minutes) ?? ''} of psychotherapy.`;
  return `For ${minutesText(minutes) ?? ''} of individual psychotherapy, ${suggested} fits.`;
}

export function RiskCard() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<NoteValues>();
  const level = useWatch({ control, name: 'riskLevel' });
  const needsPlan = level === 'moderate' || level === 'high';
  return (
    <Card
      title="Risk assessment"
      icon={<ShieldAlert size={18} />}
      description="Record the risk level at every session. Moderate or high needs a plan."
      className="note-card"
    >
      <Controller
        control={control}
        name="riskLevel"
        render={({ field }) => (
          <ChoiceGroupField
            label="Risk level"
            name={field.name}
            options={RISKS}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.riskLevel?.message}
            className="note-risk"
          />
        )}
      />
      {needsPlan && (
        <Field
          label="Risk plan"
          hint="Safety plan reviewed, means restriction, who was contacted, follow-up before the next session."
          error={errors.riskPlan?.message}
        >
          <TextArea {...register('riskPlan')} rows={4} className="note-text note-text--plan" />
        </Field>
      )}
    </Card>
  );
}

export interface SectionsCardProps {
  /** A template was chosen: the editor decides whether to ask before sections are dropped. */
  onTemplate: (to: TemplateChoice) => void;
}

/**
 * The built-in templates and the practice's own (the latest version of each active one). A draft
 * started in an older or retired version keeps it and lists it too, under its version number.
 */
function TemplateSelect({
  available,
  onTemplate,
}: {
  available: readonly NoteTemplateVersion[];
  onTemplate: (to: TemplateChoice) => void;
}) {
  const {
    control,
    formState: { errors },
  } = useFormContext<NoteValues>();
  const [template, held] = useWatch({ control, name: ['template', 'templateVersion'] });
  const practice = [...available];
  if (template === 'custom' && held && !practice.some((v) => v.id === held.id)) practice.unshift(held);
  const value = template === 'custom' ? (held?.id ?? '') : template;
  return (
    <Field label="Template" className="note-template-select" error={errors.template?.message}>
      <Select
        value={value}
        onChange={(event) => {
          const key = event.target.value;
          const version = practice.find((v) => v.id === key);
          if (version) onTemplate({ template: 'custom', templateVersion: version });
          else if (BUILT_IN.includes(key as BuiltInTemplate)) {
            onTemplate({ template: key as BuiltInTemplate, templateVersion: null });
          }
        }}
      >
        <optgroup label="Built-in">
          {TEMPLATE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {TEMPLATES[o.value].label}
            </option>
          ))}
        </optgroup>
        <optgroup label="This practice’s templates">
          {practice.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id === held?.id && v.version !== v.latestVersion
                ? `${v.name} (version ${String(v.version)})`
                : v.name}
            </option>
          ))}
        </optgroup>
      </Select>
    </Field>
  );
}

/** Says which version a practice-template draft is written in, and that it keeps it. */
function TemplateVersionNote({ version }: { version: NoteTemplateVersion }) {
  const stale = version.retired || version.version !== version.latestVersion;
  if (!stale) {
    return (
      <p className="note-template-version muted">
        {`Practice template “${version.name}”, version ${String(version.version)}.`}
      </p>
    );
  }
  return (
    <Banner tone="info" title={`This draft keeps version ${String(version.version)} of “${version.name}”`}>
      {version.retired
        ? 'The owner has retired this template since the draft was started. The draft keeps its sections and can still be signed; new notes cannot use the template.'
        : `The owner has published version ${String(version.latestVersion)} since the draft was started. The draft keeps the sections and required marks of the version it was started in; new notes use version ${String(version.latestVersion)}.`}
    </Banner>
  );
}

export function SectionsCard({ onTemplate }: SectionsCardProps) {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<NoteValues>();
  const [template, templateVersion] = useWatch({ control, name: ['template', 'templateVersion'] });
  const available = useQuery(availableTemplatesQuery).data ?? [];
  const layout = noteLayout({ template, templateVersion });
  const custom = template === 'custom' ? templateVersion : null;
  return (
    <Card
      title="Documentation"
      icon={<NotebookPen size={18} />}
      className="note-card note-card--sections"
      actions={
        available.length > 0 || custom ? (
          <TemplateSelect available={available} onTemplate={onTemplate} />
        ) : (
          <Controller
            control={control}
            name="template"
            render={({ field }) => (
              <ChoiceGroupField
                label="Template"
                hideLabel
                name={field.name}
                options={TEMPLATE_OPTIONS}
                value={field.value as BuiltInTemplate}
                onChange={(t) => {
                  onTemplate({ template: t, templateVersion: null });
                }}
                onBlur={field.onBlur}
                inputRef={field.ref}
                className="note-template"
              />
            )}
          />
        )
      }
    >
      {custom && <TemplateVersionNote version={custom} />}
      {layout.sections.map((section) => (
        <Field
          key={`${custom?.id ?? template}-${section.key}`}
          label={section.label}
          optional={!section.required}
          hint={custom ? section.help || undefined : SECTION_HINTS[section.key]}
          error={errors.sections?.[section.key]?.message}
        >
          <TextArea {...register(`sections.${section.key}`)} rows={5} className="note-text" spellCheck />
        </Field>
      ))}
      <CheckboxField
        label={
          <>
            <strong>This note is substance-use information of our 42 CFR Part 2 program.</strong>
            <span className="checkbox__detail">
              Part 2 records are released only with the client’s Part 2 consent, and carry the redisclosure
              notice.
            </span>
          </>
        }
        {...register('part2')}
      />
    </Card>
  );
}
