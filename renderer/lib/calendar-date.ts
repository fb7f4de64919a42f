// Calendar dates (YYYY-MM-DD: a day, no time zone) shown in the user's locale, and day arithmetic.
import { LOCALE } from './locale.ts';
const medium = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const monthDay = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' });
const shortTime = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });
const shortDateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local midnight of a calendar date, or null when the text is not one. */
export function parseCalendarDate(iso: string): Date | null {
  const match = PATTERN.exec(iso);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Apr 12, 1990" in the user's locale. */
export const formatCalendarDate = (iso: string): string => {
  const date = parseCalendarDate(iso);
  return date ? medium.format(date) : iso;
};

/** "Apr 12": for chart axes, where the year is shown elsewhere. */
export const formatMonthDay = (iso: string): string => {
  const date = parseCalendarDate(iso);
  return date ? monthDay.format(date) : iso;
};

/** "3:41 PM" for a timestamp. */
export const formatShortTime = (timestamp: string): string => {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : shortTime.format(date);
};

/** "Nov 26, 2026, 2:02 PM": when something was recorded, without the seconds. */
export const formatShortDateTime = (timestamp: string): string => {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : shortDateTime.format(date);
};

const toIso = (date: Date): string =>
  `${String(date.getFullYear())}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The calendar date n days after (or before, when negative) another. */
export function addDays(iso: string, days: number): string {
  const date = parseCalendarDate(iso);
  if (!date) return iso;
  date.setDate(date.getDate() + days);
  return toIso(date);
}

/** Whole days since 1970-01-01: a number a chart can place on a time axis. */
export function dayNumber(iso: string): number {
  const match = PATTERN.exec(iso);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

/** The calendar date of a day number (the inverse of dayNumber). */
export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
