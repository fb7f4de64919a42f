// The selection a reviewer approved, in words: the kinds of record, the dates, Part 2 or not.
import { RECORD_TYPE_LABELS, type Selection } from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';

export function SelectionSummary({ selection }: { selection: Selection }) {
  return (
    <dl className="release-facts">
      <div className="release-facts__row">
        <dt>Kinds of record</dt>
        <dd>{selection.recordTypes.map((t) => RECORD_TYPE_LABELS[t]).join(', ')}</dd>
      </div>
      <div className="release-facts__row">
        <dt>Dates</dt>
        <dd>
          {formatCalendarDate(selection.from)} to {formatCalendarDate(selection.to)}
        </dd>
      </div>
      <div className="release-facts__row">
        <dt>Part 2 records</dt>
        <dd>{selection.includePart2 ? 'Included (with the 42 CFR 2.32 notice)' : 'Not included'}</dd>
      </div>
    </dl>
  );
}
