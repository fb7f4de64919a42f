// "Verify package": main asks which package folder to check, re-hashes every file against the
// manifest and looks the manifest up in the disclosure log. The answer is a clear pass or fail;
// files an operating system adds to folders (.DS_Store, Thumbs.db) are named as ignored.
import { useMutation } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import type { VerifyResult } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';

export function VerifyPackageButton({ variant = 'secondary' }: { variant?: 'secondary' | 'primary' }) {
  const verify = useMutation({ mutationFn: () => call('releases.verifyPackage', {}) });
  const close = () => {
    verify.reset();
  };
  return (
    <>
      <Button
        variant={variant}
        icon={<ShieldCheck aria-hidden="true" size={16} />}
        busy={verify.isPending}
        onClick={() => {
          verify.mutate();
        }}
      >
        Verify package
      </Button>
      {verify.isError && (
        <Dialog title="The package could not be checked" onClose={close} size="sm">
          <Banner tone="danger" live>
            {verify.error.message}
          </Banner>
          <DialogFooter>
            <Button variant="primary" onClick={close} data-autofocus>
              Close
            </Button>
          </DialogFooter>
        </Dialog>
      )}
      {verify.data && <VerifyDialog result={verify.data} onClose={close} />}
    </>
  );
}

function VerifyDialog({ result, onClose }: { result: VerifyResult; onClose: () => void }) {
  return (
    <Dialog
      title={result.ok ? 'Package verified' : 'Package failed verification'}
      onClose={onClose}
      size="md"
    >
      <div className="verify-result">
        {result.ok ? (
          <Banner tone="success" live title="Every file matches, and the disclosure log records it">
            This package is exactly what left the practice: each file’s SHA-256 matches the manifest, and the
            manifest’s SHA-256 is in the disclosure log.
          </Banner>
        ) : (
          <Banner tone="danger" live className="banner--prominent" title="Do not rely on this package">
            <ul className="banner__list">
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Banner>
        )}
        <ul className="verify-result__files" aria-label="Files checked">
          {result.files.map((f) => (
            <li
              key={f.name}
              className={f.ok ? 'verify-file verify-file--ok' : 'verify-file verify-file--bad'}
            >
              <span className="verify-file__name">{f.name}</span>
              <span className="verify-file__state">{f.ok ? 'Matches' : 'Does not match'}</span>
            </li>
          ))}
          <li
            className={
              result.inDisclosureLog ? 'verify-file verify-file--ok' : 'verify-file verify-file--bad'
            }
          >
            <span className="verify-file__name">Disclosure log</span>
            <span className="verify-file__state">{result.inDisclosureLog ? 'Recorded' : 'Not recorded'}</span>
          </li>
        </ul>
        {result.ignored.length > 0 && (
          <p className="verify-result__ignored">
            Ignored (added by the operating system): {result.ignored.join(', ')}
          </p>
        )}
        {result.manifestSha256 && (
          <p className="verify-result__hash">
            Manifest SHA-256 <code>{result.manifestSha256}</code>
          </p>
        )}
      </div>
      <DialogFooter>
        <Button variant="primary" onClick={onClose} data-autofocus>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
