// Emergency access ("break the glass"): find the client by chart number and date of birth (both,
// exactly; skipped when the chart is known), then the reason, the particulars a 42 CFR 2.51 medical
// emergency needs, and a confirmation that says what the access is. Main decides who may, checks
// all of it again, starts the clock and records it; the chart then opens read-only.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Siren } from 'lucide-react';
import { useState } from 'react';
import type { z } from 'zod';
import {
  EMERGENCY_REASON_LABELS,
  OpenEmergencyInput,
  type EmergencyCandidate,
  type EmergencyReason,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { chartHref, go } from '../clients/client-routes.ts';
import { EMERGENCY_EVENTS_KEY, emergencyStatusQuery, resetChart } from './emergency-queries.ts';

const REASONS: ChoiceOption<EmergencyReason>[] = [
  {
    value: 'danger',
    label: EMERGENCY_REASON_LABELS.danger,
    description: 'The client, or someone else, is at risk now and you need the chart to act.',
  },
  {
    value: 'covering',
    label: EMERGENCY_REASON_LABELS.covering,
    description: 'The client’s clinician is away and no cover was arranged.',
  },
  {
    value: 'medical_emergency',
    label: EMERGENCY_REASON_LABELS.medical_emergency,
    description:
      'You are treating the client in a medical emergency and need their substance use records (Part 2). Recorded as a disclosure.',
  },
  { value: 'other', label: EMERGENCY_REASON_LABELS.other, description: 'Say why in words.' },
];

const DETAILS: Record<EmergencyReason, { label: string; hint: string; optional: boolean }> = {
  danger: { label: 'What is happening', hint: 'A few words for the record.', optional: true },
  covering: { label: 'What is happening', hint: 'A few words for the record.', optional: true },
  medical_emergency: {
    label: 'The medical emergency',
    hint: 'Its nature, as 42 CFR 2.51 requires it recorded.',
    optional: false,
  },
  other: { label: 'The reason', hint: 'Why you need this chart now.', optional: false },
};

/** A message per field (chart number, date of birth, or a field of OpenEmergencyInput). */
type Errors = Partial<Record<string, string>>;

export interface BreakGlassDialogProps {
  /** The chart, when the person came to it by a link; otherwise they find it first. */
  clientId?: string;
  onClose: () => void;
}

export function BreakGlassDialog({ clientId: known, onClose }: BreakGlassDialogProps) {
  const { session } = useSignedIn();
  const isOwner = session.user.role === 'owner';
  const queryClient = useQueryClient();
  const [candidate, setCandidate] = useState<EmergencyCandidate | null>(null);
  const clientId = known ?? candidate?.clientId ?? null;
  const [chartNumber, setChartNumber] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  // The owner reads every chart already; only Part 2 records in a medical emergency need this.
  const [reason, setReason] = useState<EmergencyReason | null>(isOwner ? 'medical_emergency' : null);
  const [details, setDetails] = useState('');
  const [recipientName, setRecipientName] = useState(session.user.displayName);
  const [recipientFacility, setRecipientFacility] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const status = useQuery({ ...emergencyStatusQuery(clientId ?? ''), enabled: clientId !== null });
  const minutes = status.data?.minutes;

  const find = useFormMutation({
    mutationFn: () => call('emergency.find', { chartNumber, dateOfBirth }),
    onSuccess: (found) => {
      setCandidate(found);
    },
  });
  const open = useFormMutation({
    mutationFn: (input: z.output<typeof OpenEmergencyInput>) => call('emergency.open', input),
    onSuccess: (grant) => {
      resetChart(queryClient);
      void queryClient.invalidateQueries({ queryKey: EMERGENCY_EVENTS_KEY });
      onClose();
      go(chartHref(grant.clientId));
    },
  });

  const finding = clientId === null;
  const openAlready = candidate?.alreadyOpen === true && !isOwner;
  const medical = reason === 'medical_emergency';
  const detail = reason ? DETAILS[reason] : null;

  const submit = (): void => {
    if (finding) {
      const missing: Errors = {};
      if (!chartNumber.trim()) missing.chartNumber = 'Enter the chart number.';
      if (!dateOfBirth) missing.dateOfBirth = 'Enter the date of birth.';
      setErrors(missing);
      if (Object.keys(missing).length === 0) find.submit();
      return;
    }
    if (openAlready) {
      onClose();
      go(chartHref(clientId));
      return;
    }
    const input = {
      clientId,
      reason,
      details: details.trim() || undefined,
      ...(medical ? { recipientName, recipientFacility } : {}),
      confirmed: confirmed || undefined,
    };
    const parsed = OpenEmergencyInput.safeParse(input);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'form');
        next[key] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    open.submit(parsed.data);
  };

  const who = candidate
    ? `${candidate.name} · ${candidate.chartNumber} · born ${formatCalendarDate(candidate.dateOfBirth)}`
    : null;

  return (
    <FormDialog
      title="Emergency access"
      size="md"
      className="break-glass"
      description={
        finding
          ? 'Open the chart of a client who is not on your caseload, in an emergency. Find the client by their chart number and date of birth.'
          : undefined
      }
      onClose={onClose}
      mutation={finding ? find : open}
      problemTitle={finding ? 'No chart found' : 'The chart was not opened'}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      submitLabel={
        finding
          ? 'Find client'
          : openAlready
            ? 'Open chart'
            : `Open read-only${minutes ? ` for ${String(minutes)} minutes` : ''}`
      }
      submitIcon={finding || openAlready ? undefined : <Siren size={16} aria-hidden="true" />}
      submitVariant={finding || openAlready ? 'primary' : 'danger'}
    >
      {finding && (
        <div className="break-glass__find">
          <Field
            label="Chart number"
            hint="As on the client’s records, e.g. SW-00042."
            error={errors.chartNumber}
          >
            <TextInput
              value={chartNumber}
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              data-autofocus
              onChange={(e) => {
                setChartNumber(e.target.value);
              }}
            />
          </Field>
          <Field label="Date of birth" error={errors.dateOfBirth}>
            <TextInput
              type="date"
              value={dateOfBirth}
              onChange={(e) => {
                setDateOfBirth(e.target.value);
              }}
            />
          </Field>
        </div>
      )}
      {!finding && who && <p className="break-glass__who">{who}</p>}
      {!finding && openAlready && (
        <Banner tone="info" title="You can open this chart already">
          The client is on your caseload, so emergency access is not needed.
        </Banner>
      )}
      {!finding && !openAlready && (
        <>
          {isOwner ? (
            <Banner tone="info" title="For Part 2 records in a medical emergency">
              As the owner you read this chart already. Emergency access adds only its substance use records
              (42 CFR Part 2), for medical personnel treating the client in a medical emergency, and records
              the disclosure.
            </Banner>
          ) : (
            <ChoiceGroupField
              label="Reason"
              variant="list"
              options={REASONS}
              value={reason}
              onChange={(value) => {
                setReason(value);
              }}
              error={errors.reason}
              autoFocus
            />
          )}
          {detail && (
            <Field label={detail.label} hint={detail.hint} optional={detail.optional} error={errors.details}>
              <TextArea
                rows={2}
                value={details}
                maxLength={2000}
                onChange={(e) => {
                  setDetails(e.target.value);
                }}
              />
            </Field>
          )}
          {medical && (
            <div className="break-glass__recipient">
              <Field label="Your name as the recipient" error={errors.recipientName}>
                <TextInput
                  value={recipientName}
                  maxLength={200}
                  onChange={(e) => {
                    setRecipientName(e.target.value);
                  }}
                />
              </Field>
              <Field
                label="Facility"
                hint="Where the client is being treated."
                error={errors.recipientFacility}
              >
                <TextInput
                  value={recipientFacility}
                  maxLength={200}
                  onChange={(e) => {
                    setRecipientFacility(e.target.value);
                  }}
                />
              </Field>
            </div>
          )}
          <div className="break-glass__terms">
            <CheckboxField
              label={`I need this chart for the reason above. I understand the access is read-only, ends after ${minutes ? `${String(minutes)} minutes` : 'the time the practice set'}, never includes psychotherapy notes, and that every read is recorded and reported to the owner and the client’s clinician.`}
              checked={confirmed}
              error={errors.confirmed}
              onChange={(e) => {
                setConfirmed(e.target.checked);
              }}
            />
          </div>
        </>
      )}
    </FormDialog>
  );
}
