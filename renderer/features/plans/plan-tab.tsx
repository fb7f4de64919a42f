// A client's Treatment plan tab (issue 20): the current plan and its earlier versions, drafting,
// signing by the clinician and the client, and per objective the notes that addressed it.
import type { ClientRecord } from '../../../preload/contract.ts';

export function PlanTab({ client }: { client: ClientRecord }) {
  return <div className="plan-tab" data-client={client.id} />;
}
