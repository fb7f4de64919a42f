// Queries for the practice's note templates: the owner's list (Settings) and what the note editor
// offers (the latest version of each active template); a change refreshes both.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';

const TEMPLATES_KEY = ['noteTemplates'] as const;

export const templatesQuery = queryOptions({
  queryKey: [...TEMPLATES_KEY, 'list'],
  queryFn: () => call('templates.list', {}),
});

export const availableTemplatesQuery = queryOptions({
  queryKey: [...TEMPLATES_KEY, 'available'],
  queryFn: () => call('templates.available', {}),
});

export function templatesChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
}
