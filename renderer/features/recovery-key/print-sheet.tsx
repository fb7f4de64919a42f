// The printed recovery-key sheet. It lives outside the app's root, so the print stylesheet can
// print it alone (practice name, date, key, instructions) and nothing else on the screen.
import { createPortal } from 'react-dom';
import { KEY_INSTRUCTIONS, keyGroups } from './key-text.ts';

export interface PrintSheetProps {
  recoveryKey: string;
  practiceName: string;
  generated: string;
}

export function PrintSheet({ recoveryKey, practiceName, generated }: PrintSheetProps) {
  const groups = keyGroups(recoveryKey);
  return createPortal(
    <article className="print-sheet" aria-hidden="true">
      <header className="print-sheet__header">
        <p className="print-sheet__brand">Stillwater</p>
        <h1 className="print-sheet__title">Recovery key</h1>
        <dl className="print-sheet__meta">
          <div>
            <dt>Practice</dt>
            <dd>{practiceName}</dd>
          </div>
          <div>
            <dt>Generated</dt>
            <dd>{generated}</dd>
          </div>
        </dl>
      </header>
      <ol className="print-sheet__key">
        {groups.map((group, index) => (
          <li key={index}>
            <span className="print-sheet__n">{index + 1}</span>
            <span className="print-sheet__g">{group}</span>
          </li>
        ))}
      </ol>
      <h2 className="print-sheet__subtitle">Keep this sheet safe</h2>
      <ul className="print-sheet__instructions">
        {KEY_INSTRUCTIONS.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="print-sheet__footer">
        Stored by: ______________________ &nbsp;&nbsp; Where: ______________________________
      </p>
    </article>,
    document.body,
  );
}
