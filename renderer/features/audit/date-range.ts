// The audit filter's dates: whole local days, turned into instants for main.
//
// The range sent is [start of the "from" day, start of the day after "to"), both as UTC ISO
// strings ("…Z", offset zero). UTC rather than a local "+02:00" offset because main compares the
// stored UTC timestamps as text, which is only correct when both sides are written in UTC.

/** "2026-03-02" (from an <input type="date">) -> that local day's first instant. */
export function localDayStart(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 0, 0, 0, 0);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function dayRange(from: string, to: string): { from?: string; to?: string } {
  const start = from ? localDayStart(from) : null;
  const endDay = to ? localDayStart(to) : null;
  const end = endDay
    ? new Date(endDay.getFullYear(), endDay.getMonth(), endDay.getDate() + 1, 0, 0, 0, 0)
    : null;
  return {
    ...(start ? { from: start.toISOString() } : {}),
    ...(end ? { to: end.toISOString() } : {}),
  };
}
