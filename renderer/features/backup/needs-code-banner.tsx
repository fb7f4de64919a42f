// On Staff, after a restore on a new computer: who cannot sign in here yet, and what to do.
import type { StaffMember } from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';

export function NeedsCodeBanner({ staff }: { staff: readonly StaffMember[] }) {
  const waiting = staff.filter((m) => m.active && !m.canSignIn);
  if (waiting.length === 0) return null;
  const who = waiting.length === 1 ? '1 colleague cannot' : `${String(waiting.length)} colleagues cannot`;
  return (
    <Banner tone="info" title={`${who} sign in on this computer yet`}>
      Their passwords stayed with the computer the practice was restored from (or their sign-in was lost).
      Choose Issue sign-in code from each person’s actions menu; they sign in once with it and choose a new
      password.
    </Banner>
  );
}
