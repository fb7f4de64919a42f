// Who may sign for a client or ask for their records (45 CFR 164.502(g), 164.508(c)(1)(vi),
// 164.514(h)): the client themselves, or a personal representative recorded on the chart with
// their legal authority. A parent's authority ends when the client turns 18.
import type { ClientRow } from '../../../db/schema.ts';
import { isMinor } from '../../../preload/contract/clients.ts';
import type { listGuardians } from '../clients/index.ts';
import { normalizedName } from './rules.ts';

export type Guardian = Awaited<ReturnType<typeof listGuardians>>[number];

/** The ways a client's name is written on a form: legal, preferred, "last, first". */
export function isClientName(client: ClientRow, name: string): boolean {
  const n = normalizedName(name);
  const first = [client.legal_first_name, client.preferred_name].filter((x): x is string => !!x);
  return first.some(
    (f) =>
      n === normalizedName(`${f} ${client.legal_last_name}`) ||
      n === normalizedName(`${client.legal_last_name} ${f}`),
  );
}

/** The representative on file with this name whose authority holds on that day, if any. */
export function representativeOnFile(
  client: ClientRow,
  guardians: readonly Guardian[],
  name: string,
  on: string,
): Guardian | null {
  const n = normalizedName(name);
  return (
    guardians.find(
      (g) =>
        normalizedName(g.name) === n &&
        // A parent acts for a minor child only (164.502(g)(3)); a guardian or conservator by their order.
        (g.legal_authority !== 'parent' || isMinor(client.date_of_birth, on)),
    ) ?? null
  );
}

export const notOnFileMessage = (name: string): string =>
  `${name} is not recorded as this client’s parent, guardian or representative (or their authority has ended). Add them to the client’s chart first, with their legal authority.`;
