// Settings > Inactivity lock: the owner sets how long Stillwater waits without input before it
// locks, and how early the warning comes (settings.updateSession, bounds from the contract); others
// see the values read-only.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SessionSettings } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { QuerySection } from '../../ui/query-section.tsx';
import { SESSION_SETTINGS_KEY, sessionSettingsQuery } from '../lock/session-settings-query.ts';

type Values = z.input<typeof SessionSettings>;
const FIELDS = ['timeoutMinutes', 'warningSeconds'] as const;

const plural = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

const summary = (s: SessionSettings): string =>
  `Stillwater locks after ${plural(s.timeoutMinutes, 'minute', 'minutes')} without activity, with a warning ${plural(s.warningSeconds, 'second', 'seconds')} before.`;

export function InactivityLockSection({ editable }: { editable: boolean }) {
  const settings = useQuery(sessionSettingsQuery);
  return (
    <QuerySection
      title="Inactivity lock"
      description={
        <>
          Only input in Stillwater’s own window counts as activity. It also locks at once when the screen
          locks, when the computer sleeps, and with Lock now.
        </>
      }
      query={settings}
      loadingLabel="Loading the inactivity lock…"
    >
      {(loaded) =>
        editable ? (
          <InactivityLockForm current={loaded} />
        ) : (
          <p className="form__lead">{`${summary(loaded)} The practice owner sets this.`}</p>
        )
      }
    </QuerySection>
  );
}

function InactivityLockForm({ current }: { current: SessionSettings }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<SessionSettings | null>(null);
  const form = useForm<Values, unknown, SessionSettings>({
    resolver: zodResolver(SessionSettings),
    defaultValues: current,
  });
  const { errors, isDirty } = form.formState;

  const update = useMutation({
    mutationFn: (values: SessionSettings) => call('settings.updateSession', values),
    onSuccess: (next) => {
      queryClient.setQueryData(SESSION_SETTINGS_KEY, next);
      form.reset(next);
      setSaved(next);
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: FIELDS }));
    },
  });

  return (
    <form
      className="form"
      noValidate
      aria-label="Inactivity lock"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(null);
          update.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !isDirty && (
        <Banner tone="success" live title="Inactivity lock saved">
          {summary(saved)}
        </Banner>
      )}
      <div className="form__row form__row--narrow">
        <Field
          label="Lock after (minutes)"
          hint="1 to 60 minutes without activity."
          error={errors.timeoutMinutes?.message}
        >
          <TextInput
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            {...form.register('timeoutMinutes', { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="Warn before (seconds)"
          hint="10 to 300 seconds before the lock."
          error={errors.warningSeconds?.message}
        >
          <TextInput
            type="number"
            inputMode="numeric"
            min={10}
            max={300}
            step={1}
            {...form.register('warningSeconds', { valueAsNumber: true })}
          />
        </Field>
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!isDirty}>
          Save inactivity lock
        </Button>
        {isDirty && (
          <Button
            variant="ghost"
            onClick={() => {
              form.reset(current);
            }}
          >
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}
