// Settings > My account > Second factor: whether you have one, setting it up, replacing it, and
// turning it off (password and a current code; not when the practice requires one for your role).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ShieldCheck, ShieldOff } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Password, SecondFactorCode, type MySecondFactor } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, PasswordInput, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { EnrolmentFlow } from './enrolment-flow.tsx';
import { MY_FACTOR_QUERY, myFactorQuery, STAFF_FACTORS_QUERY } from './queries.ts';

export function MySecondFactorPanel() {
  const mine = useQuery(myFactorQuery);
  const queryClient = useQueryClient();
  const { updateSession } = useSession();
  const [mode, setMode] = useState<'view' | 'enrol' | 'disable'>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = (): void => {
    void queryClient.invalidateQueries({ queryKey: MY_FACTOR_QUERY });
    void queryClient.invalidateQueries({ queryKey: STAFF_FACTORS_QUERY });
  };
  return (
    <div className="second-factor" aria-labelledby="second-factor-heading">
      <h3 className="subheading" id="second-factor-heading">
        Second factor
      </h3>
      {mine.isPending && <LoadingState label="Loading your second factor…" />}
      {mine.isError && (
        <Banner tone="danger" live>
          {mine.error.message}
        </Banner>
      )}
      {notice && mode === 'view' && (
        <Banner tone="success" live>
          {notice}
        </Banner>
      )}
      {mine.data && mode === 'view' && (
        <Status
          mine={mine.data}
          onEnrol={() => {
            setNotice(null);
            setMode('enrol');
          }}
          onDisable={() => {
            setNotice(null);
            setMode('disable');
          }}
        />
      )}
      {mine.data && mode === 'enrol' && (
        <EnrolmentFlow
          needsPassword
          replacing={mine.data.enrolled}
          onDone={(session) => {
            updateSession(session);
            refresh();
            setNotice('Your second factor is set up. Stillwater asks for a code at your next sign-in.');
            setMode('view');
          }}
          secondary={
            <Button
              variant="ghost"
              onClick={() => {
                setMode('view');
              }}
            >
              Cancel
            </Button>
          }
        />
      )}
      {mine.data && mode === 'disable' && (
        <DisableDialog
          onClose={() => {
            setMode('view');
          }}
          onDone={() => {
            refresh();
            setNotice('Your second factor is turned off. Sign-in asks only for your password.');
            setMode('view');
          }}
        />
      )}
    </div>
  );
}

function Status({
  mine,
  onEnrol,
  onDisable,
}: {
  mine: MySecondFactor;
  onEnrol: () => void;
  onDisable: () => void;
}) {
  if (!mine.enrolled)
    return (
      <div className="stack stack--tight">
        <p className="form__lead">
          {mine.required
            ? 'The practice requires a second factor for your role.'
            : 'A code from an authenticator app on your phone, asked after your password, keeps your account safe even if someone sees your password.'}{' '}
          <Badge tone="warning">Not set up</Badge>
        </p>
        <div className="form__actions">
          <Button variant="primary" icon={<ShieldCheck aria-hidden="true" size={16} />} onClick={onEnrol}>
            Set up second factor
          </Button>
        </div>
      </div>
    );
  return (
    <div className="stack stack--tight">
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge tone="success">On</Badge> since {formatDateTime(mine.enrolledAt ?? '')}
          </dd>
        </div>
        <div>
          <dt>Recovery codes left</dt>
          <dd>
            {mine.recoveryCodesLeft} of 10
            {mine.recoveryCodesLeft <= 3 && (
              <span className="muted"> · Replace the factor to get ten new ones.</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="form__actions">
        <Button variant="secondary" onClick={onEnrol}>
          Replace authenticator app
        </Button>
        {mine.required ? (
          <span className="muted">Required by the practice for your role, so it cannot be turned off.</span>
        ) : (
          <Button variant="ghost" icon={<ShieldOff aria-hidden="true" size={16} />} onClick={onDisable}>
            Turn off
          </Button>
        )}
      </div>
    </div>
  );
}

const DisableForm = z.strictObject({ currentPassword: Password, code: SecondFactorCode });

function DisableDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<z.input<typeof DisableForm>, unknown, z.output<typeof DisableForm>>({
    resolver: zodResolver(DisableForm),
    defaultValues: { currentPassword: '', code: '' },
  });
  const { errors } = form.formState;
  const disable = useMutation({
    mutationFn: (values: z.output<typeof DisableForm>) => call('secondFactor.disable', values),
    onSuccess: onDone,
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: ['currentPassword', 'code'] }));
    },
  });
  return (
    <Dialog title="Turn off your second factor" onClose={onClose} size="sm" dismissible={!disable.isPending}>
      <form
        id="disable-second-factor"
        className="form"
        noValidate
        onSubmit={(event) => {
          void form.handleSubmit((values) => {
            setProblem(null);
            disable.mutate(values);
          })(event);
        }}
      >
        <ProblemBanner problem={problem} />
        <p>Sign-in will ask only for your password. Your recovery codes stop working.</p>
        <Field label="Your password" error={errors.currentPassword?.message}>
          <PasswordInput
            {...form.register('currentPassword')}
            autoComplete="current-password"
            data-autofocus
          />
        </Field>
        <Field label="A code from your app, or a recovery code" error={errors.code?.message}>
          <TextInput
            {...form.register('code')}
            autoComplete="one-time-code"
            spellCheck={false}
            className="code-input"
          />
        </Field>
      </form>
      <DialogFooter>
        <Button variant="ghost" onClick={onClose} disabled={disable.isPending}>
          Cancel
        </Button>
        <Button type="submit" form="disable-second-factor" variant="danger" busy={disable.isPending}>
          Turn off
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
