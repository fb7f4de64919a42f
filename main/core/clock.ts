// The core's only source of time and timers, injected so tests can drive it (no Date.now() in core).
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return {
      cancel: () => {
        clearTimeout(t);
      },
    };
  },
};

export const isoAt = (clock: Clock): string => new Date(clock.now()).toISOString();

/** A calendar day (YYYY-MM-DD) `days` later (or earlier): days, not moments, so no time zone moves it. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How close a due date is when the lists start to call it "due soon". */
export const DUE_SOON_DAYS = 7;

/**
 * Where an open request stands against its due date: past it, within DUE_SOON_DAYS of it, or
 * neither (also when closed or without a clock). Every request with a clock (access, amendment,
 * review of a denial, deletion) is judged by this one rule.
 */
export function dueUrgency(
  dueOn: string | null,
  today: string,
  open: boolean,
): 'overdue' | 'due-soon' | null {
  if (!dueOn || !open) return null;
  if (today > dueOn) return 'overdue';
  if (addDays(today, DUE_SOON_DAYS) >= dueOn) return 'due-soon';
  return null;
}
