// Shows a new recovery key, exactly once: the groups, Print and Save as text file, and why it
// matters. The key is never fetched again; leaving this flow loses it.
import { Download, Printer, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { downloadText, slug } from '../../lib/download.ts';
import { formatDate } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { KeyGroups } from './key-groups.tsx';
import { keyTextFile } from './key-text.ts';
import { PrintSheet } from './print-sheet.tsx';

export interface RecoveryKeyShowProps {
  recoveryKey: string;
  practiceName: string;
}

export function RecoveryKeyShow({ recoveryKey, practiceName }: RecoveryKeyShowProps) {
  const [generated] = useState(() => formatDate(new Date()));
  const [saved, setSaved] = useState<'printed' | 'file' | null>(null);

  return (
    <div className="recovery-key">
      <div className="recovery-key__notice">
        <TriangleAlert aria-hidden="true" size={18} />
        <p>
          <strong>Stillwater shows this key only once.</strong> Print it or save it now, then keep it
          somewhere safe, away from this computer.
        </p>
      </div>
      <KeyGroups recoveryKey={recoveryKey} label="Recovery key" />
      <div className="recovery-key__actions">
        <Button
          icon={<Printer aria-hidden="true" size={16} />}
          onClick={() => {
            window.print();
            setSaved('printed');
          }}
        >
          Print
        </Button>
        <Button
          icon={<Download aria-hidden="true" size={16} />}
          onClick={() => {
            downloadText(
              `stillwater-recovery-key-${slug(practiceName)}.txt`,
              keyTextFile(recoveryKey, practiceName, generated),
            );
            setSaved('file');
          }}
        >
          Save as text file
        </Button>
        {saved && (
          <span className="recovery-key__saved" role="status">
            {saved === 'printed' ? 'Sent to the printer.' : 'Saved to your downloads.'}
          </span>
        )}
      </div>
      <ul className="recovery-key__facts">
        <li>It opens the practice on a new computer or from a backup.</li>
        <li>It lets someone set a new password if every password is forgotten.</li>
        <li>Anyone who holds it and a copy of the data can read the records, so treat it like a key.</li>
      </ul>
      <PrintSheet recoveryKey={recoveryKey} practiceName={practiceName} generated={generated} />
    </div>
  );
}
