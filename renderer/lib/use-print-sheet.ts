// Printing a record: main returns what may be printed (and audits it), the page renders it as a
// print sheet outside the app's root, and then the browser prints (in Electron, window.print opens
// the system dialog through webContents.print). The sheet goes when printing is over.
import { useEffect, useState } from 'react';

export function usePrintSheet<T>(): [T | null, (value: T) => void] {
  const [sheet, setSheet] = useState<T | null>(null);
  useEffect(() => {
    if (sheet === null) return;
    const done = (): void => {
      setSheet(null);
    };
    window.addEventListener('afterprint', done, { once: true });
    // After the sheet has been committed to the page, so the print shows it.
    window.print();
    return () => {
      window.removeEventListener('afterprint', done);
    };
  }, [sheet]);
  return [sheet, setSheet];
}
