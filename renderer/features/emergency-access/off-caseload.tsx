// What a chart off the caller's caseload shows instead of the chart: main's refusal, and for a
// clinician (or the owner, for Part 2 records) the way to emergency access. When the caller's
// emergency access to this chart has just ended, it says so and when (main's clock).
import { useQuery } from '@tanstack/react-query';
import { ShieldBan, Siren, TimerOff } from 'lucide-react';
import { useState } from 'react';
import { useSignedIn } from '../../app/session.tsx';
import { formatShortTime } from '../../lib/calendar-date.ts';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { BreakGlassDialog } from './break-glass-dialog.tsx';
import { emergencyStatusQuery } from './emergency-queries.ts';

export function OffCaseload({ clientId, message }: { clientId: string; message: string }) {
  const { session } = useSignedIn();
  const clinician = session.user.role === 'clinician';
  const status = useQuery({ ...emergencyStatusQuery(clientId), enabled: clinician });
  const [breaking, setBreaking] = useState(false);
  const endedAt = status.data?.endedAt ?? null;
  const action = clinician && (
    <Button
      variant="secondary"
      icon={<Siren size={16} aria-hidden="true" />}
      onClick={() => {
        setBreaking(true);
      }}
    >
      {endedAt ? 'Emergency access again…' : 'Emergency access…'}
    </Button>
  );
  return (
    <>
      {endedAt ? (
        <EmptyState icon={<TimerOff size={28} />} title="Your emergency access has ended" actions={action}>
          <p>
            {`It ended at ${formatShortTime(endedAt)}, and the chart is closed to you again. What you read is in the chart’s access history.`}
          </p>
        </EmptyState>
      ) : (
        <EmptyState icon={<ShieldBan size={28} />} title="Not on your caseload" actions={action}>
          <p>{message}</p>
          {clinician && (
            <p>
              In an emergency you can open it read-only for a limited time; the access is recorded and
              reported.
            </p>
          )}
        </EmptyState>
      )}
      {breaking && (
        <BreakGlassDialog
          clientId={clientId}
          onClose={() => {
            setBreaking(false);
          }}
        />
      )}
    </>
  );
}
