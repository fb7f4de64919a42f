// A chart's Intake tab (clinicians and the owner): the intake form with its autosaved draft, where
// the intake stands, and the consents. Loads the saved intake and any draft first. On a chart open
// read-only (emergency access) the form is shown disabled, with no draft and nothing to save.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import {
  draftKey,
  type ClientRecord,
  type ConsentKind,
  type ConsentRecord,
  type FieldIssue,
  type IntakeRecord,
  type Output,
} from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { formatShortDateTime, formatShortTime } from '../../lib/calendar-date.ts';
import { fieldPaths, mergeDraft } from '../../lib/form-values.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { draftQuery, useFormDraft } from '../../lib/use-form-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { DraftIndicator } from '../../ui/draft-indicator.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { editHref } from '../clients/client-routes.ts';
import { CompletionCard } from './completion-card.tsx';
import { ConsentsPanel, REQUIRED_CONSENTS } from './consents-panel.tsx';
import { ConcernSection, HistorySection, RiskSection, SubstanceSection } from './intake-sections.tsx';
import { intakeResolver, valuesFromIntake, type IntakeParsed, type IntakeValues } from './intake-values.ts';
import { RecordConsentDialog } from './record-consent-dialog.tsx';

type IntakeData = Output<'intake.get'>;
const intakeKey = (clientId: string) => ['intake', clientId] as const;

export function IntakeTab({ client }: { client: ClientRecord }) {
  const intake = useQuery({
    queryKey: intakeKey(client.id),
    queryFn: () => call('intake.get', { clientId: client.id }),
  });
  const writable = chartWritable(client);
  const draft = useQuery({ ...draftQuery(`intake:${client.id}`), enabled: writable });
  const saved = writable ? draft.data : null;
  if (intake.isError || draft.isError)
    return (
      <Banner tone="danger" title="The intake could not be opened" live>
        {(intake.error ?? draft.error)?.message}
      </Banner>
    );
  if (!intake.data || saved === undefined) return <LoadingState label="Opening the intake…" />;
  return <IntakeWorkspace client={client} data={intake.data} draft={saved} writable={writable} />;
}

function IntakeWorkspace({
  client,
  data,
  draft: saved,
  writable,
}: {
  client: ClientRecord;
  data: IntakeData;
  draft: Output<'drafts.get'>;
  writable: boolean;
}) {
  const queryClient = useQueryClient();
  const base = valuesFromIntake(data.intake);
  const form = useForm<IntakeValues, unknown, IntakeParsed>({
    resolver: intakeResolver(client.id),
    defaultValues: saved ? mergeDraft(base, saved.data) : base,
  });
  const draft = useFormDraft(form, `intake:${client.id}`, saved?.savedAt ?? null);
  const [restored, setRestored] = useState(saved !== null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [missing, setMissing] = useState<readonly FieldIssue[] | null>(null);
  const [completeProblem, setCompleteProblem] = useState<string | null>(null);
  const [consentKind, setConsentKind] = useState<ConsentKind | null>(null);
  // Reopens by itself when a consent was being recorded as the app locked or closed.
  const consentDialog = useDraftDialog(draftKey('consent', client.id));
  const [notice, setNotice] = useState<string | null>(null);

  const update = (patch: Partial<IntakeData>): void => {
    queryClient.setQueryData<IntakeData>(intakeKey(client.id), (old) => (old ? { ...old, ...patch } : old));
  };

  const save = useMutation({
    mutationFn: (input: IntakeParsed) => call('intake.save', input),
    onSuccess: async (record: IntakeRecord) => {
      await draft.discard();
      update({ intake: record });
      form.reset(valuesFromIntake(record));
      setRestored(false);
      setNotice(`Intake saved at ${formatShortTime(record.updatedAt)}.`);
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: fieldPaths(form.getValues()) as Path<IntakeValues>[],
        }),
      );
    },
  });

  const complete = useMutation({
    mutationFn: () => call('intake.complete', { clientId: client.id }),
    onSuccess: (record) => {
      update({ intake: record });
      setMissing(null);
      setNotice('The intake is complete.');
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'CONFLICT' && error.fields.length > 0) setMissing(error.fields);
      else setCompleteProblem(error.message);
    },
  });

  const onComplete = (): void => {
    setMissing(null);
    setCompleteProblem(null);
    setNotice(null);
    // Completion checks what is saved: save the typing (or a restored draft) first.
    if (!form.formState.isDirty && !restored) {
      complete.mutate();
      return;
    }
    void form.handleSubmit(async (input) => {
      setProblem(null);
      try {
        await save.mutateAsync(input);
      } catch {
        return;
      }
      complete.mutate();
    })();
  };

  const sections = (
    <>
      <ConcernSection />
      <HistorySection />
      <SubstanceSection />
      <RiskSection />
    </>
  );
  const suggested = REQUIRED_CONSENTS.find((k) => !data.consents.some((c) => c.kind === k)) ?? null;

  return (
    <div className="intake">
      <div className="intake__main">
        {restored && (
          <Banner
            tone="info"
            title="Your unsaved draft was restored"
            actions={
              <Button
                size="sm"
                onClick={() => {
                  void draft.discard();
                  form.reset(base);
                  setRestored(false);
                }}
              >
                Discard draft
              </Button>
            }
          >
            What you typed before{saved ? ` (saved ${formatShortTime(saved.savedAt)})` : ''} is back in the
            form. It is in the chart only once you save the intake.
          </Banner>
        )}
        {notice && (
          <Banner tone="success" live>
            {notice}
          </Banner>
        )}
        <FormProvider {...form}>
          <form
            className="intake-form"
            noValidate
            aria-label="Intake"
            onBlur={draft.flush}
            onSubmit={(event) => {
              void form.handleSubmit((input) => {
                setProblem(null);
                setNotice(null);
                save.mutate(input);
              })(event);
            }}
          >
            <ProblemBanner problem={problem} title="The intake was not saved" />
            {writable ? (
              sections
            ) : (
              <fieldset disabled className="intake-form__read-only" aria-label="Intake, read-only">
                {sections}
              </fieldset>
            )}
            <div className="form-bar">
              {draft.state.kind === 'idle' && data.intake ? (
                <p className="draft-indicator">
                  Saved {formatShortDateTime(data.intake.updatedAt)} by {data.intake.updatedBy}
                </p>
              ) : (
                <DraftIndicator state={draft.state} />
              )}
              {writable && (
                <div className="form-bar__actions">
                  <Button type="submit" variant="primary" busy={save.isPending}>
                    Save intake
                  </Button>
                </div>
              )}
            </div>
          </form>
        </FormProvider>
      </div>
      <aside className="intake__side" aria-label="Intake status and consents">
        <CompletionCard
          intake={data.intake}
          writable={writable}
          missing={missing}
          problem={completeProblem}
          busy={complete.isPending}
          onComplete={onComplete}
          onRecordConsent={(kind) => {
            setConsentKind(kind);
            consentDialog.show();
          }}
          onFocusField={(path) => {
            form.setFocus(path);
          }}
          onSaveIntake={() => {
            void form.handleSubmit((input) => {
              setProblem(null);
              setMissing((m) => m?.filter((x) => x.path !== 'intake') ?? null);
              save.mutate(input);
            })();
          }}
          guardianHref={editHref(client.id)}
        />
        <ConsentsPanel
          consents={data.consents}
          onRecord={
            writable
              ? () => {
                  setConsentKind(suggested);
                  consentDialog.show();
                }
              : undefined
          }
        />
      </aside>
      {writable && consentDialog.open && (
        <RecordConsentDialog
          client={client}
          suggestedKind={consentKind}
          onClose={consentDialog.close}
          onRecorded={(consent: ConsentRecord) => {
            consentDialog.close();
            update({ consents: [...data.consents, consent] });
            setMissing((m) => m?.filter((x) => x.path !== `consents.${consent.kind}`) ?? null);
          }}
        />
      )}
    </div>
  );
}
