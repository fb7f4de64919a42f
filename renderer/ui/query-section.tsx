// A settings section that shows one thing read from main: while it loads, a spinner with what is
// loading; if main refuses or fails, its message; then the content made from the answer.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Banner } from './banner.tsx';
import { Section, type SectionProps } from './section.tsx';
import { LoadingState } from './spinner.tsx';

export interface QuerySectionProps<T> extends Omit<SectionProps, 'children'> {
  query: UseQueryResult<T>;
  /** "Loading the inactivity lock…" */
  loadingLabel: string;
  children: (data: T) => ReactNode;
}

export function QuerySection<T>({ query, loadingLabel, children, ...section }: QuerySectionProps<T>) {
  return (
    <Section {...section}>
      {query.isPending && <LoadingState label={loadingLabel} />}
      {query.isError && (
        <Banner tone="danger" live>
          {query.error.message}
        </Banner>
      )}
      {query.data !== undefined && children(query.data)}
    </Section>
  );
}
