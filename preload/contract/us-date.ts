// Calendar dates in words, the US way ("Sep 7, 2026"), for sentences main writes and screens show.
// A stored calendar date (YYYY-MM-DD) is a day, not a moment: no time zone applies to it.
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-09-07" -> "Sep 7, 2026"; anything that is not such a date is returned as it is. */
export function usDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return day;
  return `${month} ${String(Number(m[3]))}, ${m[1] ?? ''}`;
}
