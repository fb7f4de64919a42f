// A severity band as a badge ("Moderate").
import { SEVERITY_LABELS, type Severity } from '../../../preload/contract.ts';
import { Badge } from '../../ui/badge.tsx';
import { SEVERITY_TONES } from './screening-queries.ts';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}
