// A plan version's status as a badge, in the contract's words.
import { PLAN_STATUS_LABELS, type PlanStatus } from '../../../preload/contract.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';

const TONES: Record<PlanStatus, BadgeTone> = {
  draft: 'neutral',
  awaiting_client: 'warning',
  signed: 'success',
  superseded: 'neutral',
};

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return <Badge tone={TONES[status]}>{PLAN_STATUS_LABELS[status]}</Badge>;
}
