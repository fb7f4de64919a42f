// How notes are named and labelled everywhere: kind, template, service code with its label,
// session time and duration, risk level and status badges.
import { Lock, ShieldAlert, ShieldCheck } from 'lucide-react';
import {
  MODALITY_LABELS,
  noteLayout,
  type NoteRecord,
  SERVICE_CODES,
  type NoteKind,
} from '../../../preload/contract.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { LOCALE } from '../../lib/locale.ts';

export const KIND_LABELS: Record<NoteKind, string> = {
  progress: 'Progress note',
  psychotherapy: 'Psychotherapy note',
};

export type RiskLevel = 'none' | 'low' | 'moderate' | 'high';

export const RISK_LABELS: Record<RiskLevel, string> = {
  none: 'No risk',
  low: 'Low risk',
  moderate: 'Moderate risk',
  high: 'High risk',
};

const RISK_TONES: Record<RiskLevel, BadgeTone> = {
  none: 'neutral',
  low: 'neutral',
  moderate: 'warning',
  high: 'danger',
};

/** "SOAP", or a practice template with the version the note was written in: "Intake, version 1". */
export const templateText = (note: Pick<NoteRecord, 'template' | 'templateVersion'>): string =>
  note.templateVersion
    ? `${note.templateVersion.name}, version ${String(note.templateVersion.version)}`
    : noteLayout(note).label;

export const isRisk = (v: string | null): v is RiskLevel =>
  v === 'none' || v === 'low' || v === 'moderate' || v === 'high';

/** "90834 · Psychotherapy, 45 minutes", or the bare code if it is not one we know. */
export function serviceCodeText(code: string | null): string | null {
  if (!code) return null;
  const label = (SERVICE_CODES as Record<string, string>)[code];
  return label ? `${code} · ${label}` : code;
}

export function modalityText(modality: string | null): string | null {
  if (!modality) return null;
  return (MODALITY_LABELS as Record<string, string>)[modality] ?? modality;
}

/** "50 min", "1 h 30 min". */
export function minutesText(minutes: number | null): string | null {
  if (minutes === null) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${String(m)} min`;
  return m === 0 ? `${String(h)} h` : `${String(h)} h ${String(m)} min`;
}

export function RiskBadge({ level }: { level: string | null }) {
  if (!isRisk(level)) return null;
  return <Badge tone={RISK_TONES[level]}>{RISK_LABELS[level]}</Badge>;
}

export function NoteStatusBadge({ status }: { status: 'draft' | 'signed' }) {
  return status === 'draft' ? <Badge tone="warning">Draft</Badge> : <Badge tone="success">Signed</Badge>;
}

export function KindBadge({ kind }: { kind: NoteKind }) {
  if (kind === 'progress') return <Badge tone="info">Progress</Badge>;
  return (
    <Badge tone="accent">
      <Lock aria-hidden="true" size={11} className="badge__icon" />
      Psychotherapy
    </Badge>
  );
}

/** The first 12 hex digits of a SHA-256; the whole hash in the tooltip. */
export function ShortHash({ hash }: { hash: string }) {
  return (
    <span className="mono note-hash" title={`SHA-256 ${hash}`}>
      {hash.slice(0, 12)}
      <span className="sr-only">, full hash {hash}</span>
    </span>
  );
}

export function IntegrityBadge({ integrity }: { integrity: NoteRecord['integrity'] }) {
  if (integrity === 'ok')
    return (
      <Badge tone="success">
        <ShieldCheck aria-hidden="true" size={12} className="badge__icon" />
        Verified
      </Badge>
    );
  if (integrity === 'tampered')
    return (
      <Badge tone="danger">
        <ShieldAlert aria-hidden="true" size={12} className="badge__icon" />
        Changed after signing
      </Badge>
    );
  return null;
}

const clock = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });
/** "2:00 PM" (in the user's locale) for a stored "14:00". */
const clockText = (hhmm: string): string => {
  const [h, m] = hhmm.split(':').map(Number);
  return clock.format(new Date(2000, 0, 1, h ?? 0, m ?? 0));
};

/** "2:00 PM–2:50 PM (50 min)": the session's time as the note view and its printed copy show it. */
export function timeText(n: NoteRecord): string | null {
  if (!n.startTime) return null;
  const span = n.endTime ? `${clockText(n.startTime)}–${clockText(n.endTime)}` : clockText(n.startTime);
  const minutes = minutesText(n.durationMinutes);
  return minutes ? `${span} (${minutes})` : span;
}
