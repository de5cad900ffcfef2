import { Alert, EmptyState, Skeleton } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * The three states every list page shows before its content: loading (a skeleton), failed (a
 * red alert with the server's message) and empty (an EmptyState with an icon, a sentence and an
 * action). Pages render `<QueryState …>{(data) => <Table …/>}</QueryState>` instead of building
 * those blocks by hand, so every page fails and waits the same way.
 */
export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  skeletonHeight = 200,
  skeleton,
  children,
}: {
  query: Pick<UseQueryResult<T, Error>, 'data' | 'error' | 'isError' | 'isLoading'>;
  /** what was loaded, for the error title: "Credentials" → "Credentials could not be loaded" */
  what: string;
  /** when the loaded data counts as empty (default: an empty array) */
  isEmpty?: (data: T) => boolean;
  /** shown instead of the children when the data is empty */
  empty?: {
    icon: ReactNode;
    title: string;
    description: ReactNode;
    action?: ReactNode;
    /** a page's own test id for its empty state (default `query-empty`) */
    testId?: string;
  };
  skeletonHeight?: number;
  /** a skeleton shaped like the content (cards rather than one block) */
  skeleton?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) {
    return (
      <Alert color="red" title={`${what} could not be loaded`} mb="md" data-testid="query-error">
        {query.error?.message ?? 'Unknown error'}
      </Alert>
    );
  }
  if (query.isLoading || query.data === undefined) {
    return skeleton ?? <Skeleton h={skeletonHeight} radius="lg" data-testid="query-loading" />;
  }
  const data = query.data;
  const blank = isEmpty ? isEmpty(data) : Array.isArray(data) && data.length === 0;
  if (blank && empty) {
    return (
      <EmptyState
        mt={48}
        variant="light"
        icon={empty.icon}
        title={empty.title}
        description={empty.description}
        data-testid={empty.testId ?? 'query-empty'}
      >
        {empty.action ? <EmptyState.Actions>{empty.action}</EmptyState.Actions> : null}
      </EmptyState>
    );
  }
  return <>{children(data)}</>;
}
