// Dates and times in US format (locale.ts), in the computer's own time zone.
import { LOCALE } from './locale.ts';
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long' });
const timeOnly = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'medium' });

export const formatDateTime = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
};

export const formatDate = (date: Date): string => dateOnly.format(date);

export const formatTime = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeOnly.format(date);
};

export const formatDuration = (seconds: number): string => {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${String(m)}:${String(s).padStart(2, '0')}`;
};
