// Export after approval: main asks where (a folder picker), then writes the package (PDF, FHIR R4
// JSON, manifest with SHA-256s; all protected by the optional password) and logs the disclosure.
// Before anything is written main checks the approval again: a record changed since, or an
// authorization lapsed (revoked, expired), refuses the export with the reason — shown here, and
// kept on screen after the request has gone back to review.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FolderDown, PackageCheck } from 'lucide-react';
import { useState } from 'react';
import type { Output, ReleaseRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { Field, PasswordInput } from '../../ui/field.tsx';
import { SwitchField } from '../../ui/switch-field.tsx';
import { passwordStrength } from './password-strength.ts';
import { releaseChanged } from './release-queries.ts';
import { VerifyPackageButton } from './verify-package.tsx';

type Written = NonNullable<Output<'releases.export'>>;

export function ExportCard({ record }: { record: ReleaseRecord }) {
  const queryClient = useQueryClient();
  const { summary, next } = record;
  const [protect, setProtect] = useState(true);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [written, setWritten] = useState<Written | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; approvedAt: string | null } | null>(null);
  const refresh = async () => {
    releaseChanged(queryClient, await call('releases.get', { requestId: summary.id }));
  };
  const exportIt = useMutation({
    mutationFn: () => call('releases.export', { requestId: summary.id, ...(protect ? { password } : {}) }),
    onMutate: () => {
      setRefusal(null);
      setWritten(null);
    },
    onSuccess: async (result) => {
      setCancelled(result === null);
      if (result) {
        setWritten(result);
        setPassword('');
        setConfirm('');
      }
      await refresh();
    },
    onError: async (error) => {
      setCancelled(false);
      setRefusal({ message: error.message, approvedAt: record.approval?.approvedAt ?? null });
      // A refusal may have sent the request back to review: show it as it is now.
      await refresh();
    },
  });
  const blocked = summary.status === 'revoked' || summary.status === 'expired';
  // Approved, but an authorization the approved records rely on has lapsed since.
  const lapsed = summary.status !== 'draft' && record.approval !== null && next.blockers.length > 0;
  const exportable = next.canExport || lapsed;
  // A refusal stays on screen until a new approval replaces the one it was about.
  const shownRefusal =
    refusal && (record.approval === null || record.approval.approvedAt === refusal.approvedAt)
      ? refusal
      : null;
  if (!exportable && !blocked && !shownRefusal && record.exports.length === 0) return null;
  const strength = passwordStrength(password);

  const start = () => {
    const problems: typeof errors = {};
    if (protect && password.length < 12) problems.password = 'Use a password of at least 12 characters.';
    if (protect && password !== confirm) problems.confirm = 'The two passwords do not match.';
    setErrors(problems);
    if (Object.keys(problems).length === 0) exportIt.mutate();
  };

  return (
    <Card
      title="Export"
      icon={<FolderDown size={18} />}
      description="A PDF for people, a FHIR R4 JSON bundle for systems, and a manifest with the SHA-256 of every file. Every export is entered in the disclosure log."
      actions={<VerifyPackageButton />}
    >
      {shownRefusal && (
        <Banner tone="danger" live className="banner--prominent export-refusal" title="Export stopped">
          <p>{shownRefusal.message}</p>
        </Banner>
      )}
      {blocked && (
        <Banner tone="danger" title={`Export blocked: the authorization is ${summary.status}`}>
          Nothing more can be exported under it. A new authorization would need a new request.
        </Banner>
      )}
      {lapsed && !blocked && (
        <Banner tone="warning" className="export-lapsed" title="An authorization has lapsed since approval">
          <ul className="banner__list" aria-label="What stops the export">
            {next.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </Banner>
      )}
      {exportable && !blocked && (
        <form
          className="form export-form"
          aria-label="Export package"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          {cancelled && (
            <Banner tone="info" live>
              No folder was chosen, so nothing was exported.
            </Banner>
          )}
          <SwitchField
            label="Protect the package with a password"
            description="The PDF is encrypted with AES-256 and the FHIR JSON travels inside it, under the same password. Give the password to the recipient separately, never in the same message."
            checked={protect}
            onChange={(event) => {
              setProtect(event.target.checked);
            }}
          />
          {protect && (
            <div className="form__row">
              <Field
                label="Package password"
                error={errors.password}
                hint={
                  strength.label && (
                    <span className={`strength strength--${String(strength.level)}`}>
                      <span className="strength__bar" aria-hidden="true" />
                      {strength.label}
                    </span>
                  )
                }
              >
                <PasswordInput
                  value={password}
                  autoComplete="new-password"
                  onChange={(event) => {
                    setPassword(event.target.value);
                  }}
                />
              </Field>
              <Field label="Confirm password" error={errors.confirm}>
                <PasswordInput
                  value={confirm}
                  autoComplete="new-password"
                  onChange={(event) => {
                    setConfirm(event.target.value);
                  }}
                />
              </Field>
            </div>
          )}
          <div>
            <Button
              type="submit"
              variant="primary"
              icon={<FolderDown aria-hidden="true" size={16} />}
              busy={exportIt.isPending}
            >
              {lapsed
                ? 'Try to export…'
                : summary.status === 'exported'
                  ? 'Export again…'
                  : 'Choose folder and export…'}
            </Button>
          </div>
        </form>
      )}
      {written && (
        <Banner tone="success" live title="Package written" className="export-written">
          <p>
            In the folder you chose: <code>{written.packageName}</code>
          </p>
          <ul className="export-files" aria-label="Files in the package">
            {written.files.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
          <p className="export-hash">
            Manifest SHA-256 <code>{written.manifestSha256}</code>
          </p>
        </Banner>
      )}
      {record.exports.length > 0 && (
        <div className="export-history">
          <h3 className="subheading">In the disclosure log</h3>
          <ul className="export-history__list">
            {record.exports.map((e) => (
              <li key={`${e.disclosedOn}-${e.manifestSha256 ?? ''}`}>
                <PackageCheck aria-hidden="true" size={15} />
                <span>{formatCalendarDate(e.disclosedOn)}</span>
                {e.packageName && <code>{e.packageName}</code>}
                {e.manifestSha256 && <code className="muted">{e.manifestSha256.slice(0, 16)}…</code>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
