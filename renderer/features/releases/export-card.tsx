// Export after approval: main asks where (a folder picker), then writes the package (PDF, FHIR R4
// JSON, manifest with SHA-256s; all protected by the optional password) and logs the disclosure.
// Blocked when the authorization behind it was revoked or has expired.
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
  const exportIt = useMutation({
    mutationFn: () => call('releases.export', { requestId: summary.id, ...(protect ? { password } : {}) }),
    onSuccess: async (result) => {
      setCancelled(result === null);
      if (result) {
        setWritten(result);
        setPassword('');
        setConfirm('');
      }
      releaseChanged(queryClient, await call('releases.get', { requestId: summary.id }));
    },
  });
  const blocked = summary.status === 'revoked' || summary.status === 'expired';
  if (!next.canExport && !blocked && record.exports.length === 0) return null;
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
      {blocked && (
        <Banner tone="danger" title={`Export blocked: the authorization is ${summary.status}`}>
          Nothing more can be exported under it. A new authorization would need a new request.
        </Banner>
      )}
      {next.canExport && (
        <form
          className="form export-form"
          aria-label="Export package"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          {exportIt.isError && (
            <Banner tone="danger" live title="Nothing was exported">
              {exportIt.error.message}
            </Banner>
          )}
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
              {summary.status === 'exported' ? 'Export again…' : 'Choose folder and export…'}
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
