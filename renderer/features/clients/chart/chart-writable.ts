// Whether anything in an open chart may be changed. Under emergency access main opens the chart
// read-only and refuses every write, so its tabs offer no write at all rather than buttons that can
// only fail. Main decides (access.readOnly); this only mirrors it, in one place.
import type { ClientRecord } from '../../../../preload/contract.ts';

export const chartWritable = (client: Pick<ClientRecord, 'access'>): boolean => !client.access.readOnly;
