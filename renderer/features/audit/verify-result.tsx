// The answer to "Verify chain": all entries intact, or the problem, stated prominently.
import type { AuditVerification } from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';
import { LOCALE } from '../../lib/locale.ts';

export function VerifyResult({ result, onDismiss }: { result: AuditVerification; onDismiss: () => void }) {
  const dismiss = (
    <button type="button" className="text-link" onClick={onDismiss}>
      Dismiss
    </button>
  );
  if (result.ok)
    return (
      <Banner tone="success" live title="Audit chain verified" actions={dismiss}>
        All {result.checked.toLocaleString(LOCALE)} entries are intact: none was changed, removed or reordered
        {result.acknowledged.length > 0
          ? `, apart from the problem${result.acknowledged.length === 1 ? '' : 's'} you acknowledged at entry ${result.acknowledged.map((s) => `#${String(s)}`).join(', ')}`
          : ''}
        .
      </Banner>
    );
  return (
    <Banner
      tone="danger"
      live
      className="banner--prominent"
      title="The audit log failed verification"
      actions={dismiss}
    >
      <p className="banner__emphasis">{result.problem?.message ?? 'The chain does not match.'}</p>
      <p>
        {result.checked.toLocaleString(LOCALE)} entries were checked before the problem
        {result.problem ? ` (at entry #${String(result.problem.seq)})` : ''}. Export the log now and keep the
        file; then contact your IT support. Do not restore or edit the data folder yourself.
      </p>
    </Banner>
  );
}
