// Words for amendment requests on screen: their status, their clock and the letters written.
import { DENIAL_BASIS_LABELS, type AmendmentView } from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import type { BadgeTone } from '../../ui/badge.tsx';

export { DENIAL_BASIS_LABELS };

export const STATUS_WORDS: Record<AmendmentView['status'], { label: string; tone: BadgeTone }> = {
  open: { label: 'Awaiting decision', tone: 'info' },
  accepted: { label: 'Accepted', tone: 'success' },
  denied: { label: 'Denied', tone: 'warning' },
};

/** The clock in a few words: "Due Apr 30, 2026", "Extended to …", "Overdue since …", "Answered …". */
export function clockWords(v: AmendmentView): { label: string; tone: BadgeTone } {
  switch (v.clock) {
    case 'received':
      return { label: `Due ${formatCalendarDate(v.dueOn)}`, tone: 'neutral' };
    case 'extended':
      return { label: `Extended to ${formatCalendarDate(v.dueOn)}`, tone: 'accent' };
    case 'overdue':
      return { label: `Overdue since ${formatCalendarDate(v.dueOn)}`, tone: 'danger' };
    case 'decided':
      return { label: `Answered ${formatCalendarDate(v.decision?.decidedOn ?? v.dueOn)}`, tone: 'neutral' };
  }
}

export const LETTER_WORDS: Record<AmendmentView['letters'][number]['kind'], string> = {
  denial: 'Denial letter',
  acceptance: 'Acceptance letter',
  rebuttal: 'Copy of the rebuttal',
  notice: 'Notice',
  extension: 'Extension letter',
};

export const DECIDED_AS_WORDS: Record<NonNullable<AmendmentView['decision']>['decidedAs'], string> = {
  author: 'as the author of the records',
  primary: 'as the client’s primary clinician',
  custodian: 'as records custodian',
};
