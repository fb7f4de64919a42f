// Addresses inside Clients: the list, registration, a chart and its tabs, the edit form, and one
// note (#/clients/<id>/notes/<noteId>, or notes/new/progress|psychotherapy for a new one).
import type { NoteKind } from '../../../preload/contract.ts';
import { hrefFor } from '../../app/use-hash-path.ts';

export type ChartTab =
  | 'overview'
  | 'notes'
  | 'sessions'
  | 'diagnoses'
  | 'plan'
  | 'intake'
  | 'screenings'
  | 'disclosures'
  | 'rights'
  | 'access';

export type ClientsRoute =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; clientId: string }
  | { kind: 'chart'; clientId: string; tab: ChartTab }
  | { kind: 'note'; clientId: string; noteId: string }
  | { kind: 'newNote'; clientId: string; noteKind: NoteKind };

const TABS: readonly ChartTab[] = [
  'overview',
  'notes',
  'sessions',
  'diagnoses',
  'plan',
  'intake',
  'screenings',
  'disclosures',
  'rights',
  'access',
];
const isTab = (s: string | undefined): s is ChartTab => TABS.includes(s as ChartTab);

export function parseClientsPath(path: string): ClientsRoute {
  const [, clientId, section, noteId, newKind] = path.split('/');
  if (!clientId) return { kind: 'list' };
  if (clientId === 'new') return { kind: 'new' };
  if (section === 'edit') return { kind: 'edit', clientId };
  if (section === 'notes' && noteId === 'new')
    return {
      kind: 'newNote',
      clientId,
      noteKind: newKind === 'psychotherapy' ? 'psychotherapy' : 'progress',
    };
  if (section === 'notes' && noteId) return { kind: 'note', clientId, noteId };
  return { kind: 'chart', clientId, tab: isTab(section) ? section : 'overview' };
}

export const chartHref = (clientId: string, tab: ChartTab = 'overview'): string =>
  hrefFor(tab === 'overview' ? `clients/${clientId}` : `clients/${clientId}/${tab}`);

export const editHref = (clientId: string): string => hrefFor(`clients/${clientId}/edit`);
export const newClientHref = hrefFor('clients/new');
export const listHref = hrefFor('clients');

export function go(href: string): void {
  window.location.hash = href;
}
