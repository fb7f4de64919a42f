// The registration and edit form: the contract's schema validates it (main's own messages), main's
// field issues land under their fields, what was typed is never cleared by an error, and a draft
// is saved as the person types and restored when they come back.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import { isMinor, type ClientRecord } from '../../../../preload/contract.ts';
import { formatShortTime, parseCalendarDate } from '../../../lib/calendar-date.ts';
import { fieldPaths } from '../../../lib/form-values.ts';
import { applyServerError, type FormProblem } from '../../../lib/form-errors.ts';
import { useFormDraft } from '../../../lib/use-form-draft.ts';
import { Banner } from '../../../ui/banner.tsx';
import { Button } from '../../../ui/button.tsx';
import { DraftIndicator } from '../../../ui/draft-indicator.tsx';
import { ProblemBanner } from '../../../ui/problem-banner.tsx';
import { ageToday } from '../client-format.tsx';
import { clientChanged, type DirectoryPerson } from '../client-queries.ts';
import { chartHref, go } from '../client-routes.ts';
import type { ClientFormValues } from './client-form-values.ts';
import { CareSection } from './care-section.tsx';
import { CommunicationSection, ContactSection } from './contact-section.tsx';
import { GuardiansSection } from './guardians-section.tsx';
import { IdentitySection } from './identity-section.tsx';
import { EmergencyContactSection, InsuranceSection } from './insurance-section.tsx';

export interface ClientFormProps<Parsed extends FieldValues> {
  /** The values the form opens with: the saved record or an empty form, with a draft over it. */
  initial: ClientFormValues;
  /** The same without the draft: what "Discard draft" goes back to. */
  base: ClientFormValues;
  restoredAt: string | null;
  draftKey: string;
  resolver: Resolver<ClientFormValues, unknown, Parsed>;
  submit: (input: Parsed) => Promise<ClientRecord>;
  clinicians: readonly DirectoryPerson[];
  clinical: boolean;
  cancelHref: string;
  submitLabel: string;
  autoFocus: boolean;
}

export function ClientForm<Parsed extends FieldValues>({
  initial,
  base,
  restoredAt,
  draftKey,
  resolver,
  submit,
  clinicians,
  clinical,
  cancelHref,
  submitLabel,
  autoFocus,
}: ClientFormProps<Parsed>) {
  const queryClient = useQueryClient();
  const form = useForm<ClientFormValues, unknown, Parsed>({ resolver, defaultValues: initial });
  const draft = useFormDraft(form, draftKey, restoredAt);
  const [restored, setRestored] = useState(restoredAt !== null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const addGuardian = useRef<HTMLButtonElement>(null);

  const dateOfBirth = useWatch({ control: form.control, name: 'dateOfBirth' });
  const guardianCount = useWatch({ control: form.control, name: 'guardians' }).length;
  const age = parseCalendarDate(dateOfBirth) ? ageToday(dateOfBirth) : null;
  const minor = age !== null && age >= 0 && isMinor(dateOfBirth);

  const save = useMutation({
    mutationFn: submit,
    onSuccess: async (record) => {
      await draft.discard();
      clientChanged(queryClient, record);
      go(chartHref(record.id));
    },
    onError: (error) => {
      setProblem(
        applyServerError(error, form.setError, {
          fields: fieldPaths(form.getValues()) as Path<ClientFormValues>[],
        }),
      );
    },
  });

  return (
    <FormProvider {...form}>
      <form
        className="client-form"
        noValidate
        aria-label={submitLabel}
        onBlur={draft.flush}
        onSubmit={(event) => {
          void form.handleSubmit(
            (input) => {
              setProblem(null);
              save.mutate(input);
            },
            (errors) => {
              // The only problem is a missing guardian: there is no field to focus, so the button.
              if (Object.keys(errors).length === 1 && errors.guardians) addGuardian.current?.focus();
            },
          )(event);
        }}
      >
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
            What you typed before{restoredAt ? ` (saved ${formatShortTime(restoredAt)})` : ''} is back in the
            form. Nothing is recorded until you save.
          </Banner>
        )}
        <ProblemBanner problem={problem} title="The client was not saved" />
        <IdentitySection autoFocus={autoFocus} />
        <ContactSection />
        <CommunicationSection />
        {(minor || guardianCount > 0) && <GuardiansSection minor={minor} addRef={addGuardian} />}
        <InsuranceSection />
        <EmergencyContactSection />
        <CareSection clinicians={clinicians} minor={minor} clinical={clinical} />
        <div className="form-bar">
          <DraftIndicator state={draft.state} />
          <div className="form-bar__actions">
            <a className="btn btn--ghost btn--md" href={cancelHref}>
              <span className="btn__label">Cancel</span>
            </a>
            <Button type="submit" variant="primary" busy={save.isPending}>
              {submitLabel}
            </Button>
          </div>
        </div>
      </form>
    </FormProvider>
  );
}
