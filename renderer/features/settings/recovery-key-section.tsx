// Settings > Recovery key (owner): what it is for, and generating a new one.
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useSignedIn } from '../../app/session.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Section } from '../../ui/section.tsx';
import { RotateRecoveryKeyDialog } from '../recovery-key/rotate-recovery-key-dialog.tsx';

export function RecoveryKeySection() {
  const { session } = useSignedIn();
  const [open, setOpen] = useState(false);
  return (
    <Section
      title="Recovery key"
      description="Opens the practice if every password is forgotten, or on a new computer from a backup."
    >
      <div className="setting-row">
        <div className="setting-row__text">
          <p>
            Status:{' '}
            {session.recoveryKeyUnconfirmed ? (
              <Badge tone="warning">Not confirmed</Badge>
            ) : (
              <Badge tone="success">Stored and confirmed</Badge>
            )}
          </p>
          <p className="muted">
            Generate a new key if the printed copy was lost or someone who should not have it may have seen
            it. The current key stops working at once.
          </p>
        </div>
        <Button
          icon={<KeyRound aria-hidden="true" size={16} />}
          onClick={() => {
            setOpen(true);
          }}
        >
          Generate a new recovery key
        </Button>
      </div>
      {open && (
        <RotateRecoveryKeyDialog
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </Section>
  );
}
