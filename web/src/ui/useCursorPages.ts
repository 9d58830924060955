/**
 * Forward cursor pagination for "Load more" lists over the schema's
 * connections (`edges`, `pageInfo`, `totalCount`).
 */
import { useCallback, useState } from 'react';
import { useQuery, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';

export interface Connection<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: ReadonlyArray<{ node: Node }>;
}

export interface CursorPages<Node> {
  /** Nodes of every page loaded so far, in server order. */
  nodes: Node[];
  /** Null until the first page has arrived. */
  totalCount: number | null;
  hasNextPage: boolean;
  /** True while the first page or the next page is being requested. */
  fetching: boolean;
  error: CombinedError | undefined;
  /** Whether the first page is still missing, for showing a full-page state. */
  firstPagePending: boolean;
  loadMore(): void;
  retry(): void;
}

interface LoadedPages<Node> {
  /** Serialized variables the pages belong to; other variables start over. */
  key: string;
  /** Cursor of the page being shown last. */
  after: string | null;
  /** Nodes of the pages before `after`. */
  earlier: Node[];
  totalCount: number | null;
}

/**
 * Runs `query` page by page with `variables` plus `after`. Changing
 * `variables` (a new filter or sort) starts again at the first page.
 *
 * urql keeps the previous result while a new page is requested. A result
 * therefore counts as the current page only when its operation used the
 * current cursor, because the rows of the last page would otherwise show twice.
 */
export function useCursorPages<Data, Variables extends AnyVariables, Node>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'after'>,
  /** Null when the connection field failed on its own, for example with UPSTREAM_UNAVAILABLE. */
  selectConnection: (data: Data) => Connection<Node> | null,
): CursorPages<Node> {
  const key = JSON.stringify(variables);
  const [loaded, setLoaded] = useState<LoadedPages<Node>>({ key, after: null, earlier: [], totalCount: null });
  const pages: LoadedPages<Node> = loaded.key === key ? loaded : { key, after: null, earlier: [], totalCount: null };

  const [result, reexecute] = useQuery<Data, Variables>({
    query,
    variables: { ...variables, after: pages.after } as unknown as Variables,
  });

  const resultCursor = (result.operation?.variables as { after?: string | null } | undefined)?.after ?? null;
  const resultKey = result.operation ? JSON.stringify(withoutAfter(result.operation.variables)) : null;
  const isCurrent = resultCursor === pages.after && resultKey === key;
  const connection = isCurrent && result.data ? (selectConnection(result.data) ?? undefined) : undefined;

  const nodes = connection ? [...pages.earlier, ...connection.edges.map((edge) => edge.node)] : pages.earlier;
  const totalCount = connection?.totalCount ?? pages.totalCount;
  const endCursor = connection?.pageInfo.endCursor ?? null;
  const hasNextPage = Boolean(connection?.pageInfo.hasNextPage && endCursor);

  const loadMore = useCallback(() => {
    if (!connection || !endCursor) {
      return;
    }
    setLoaded({ key, after: endCursor, earlier: nodes, totalCount: connection.totalCount });
  }, [connection, endCursor, key, nodes]);

  const retry = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  return {
    nodes,
    totalCount,
    hasNextPage,
    fetching: result.fetching || !isCurrent,
    error: isCurrent ? result.error : undefined,
    firstPagePending: pages.after === null && !connection,
    loadMore,
    retry,
  };
}

function withoutAfter(variables: unknown): unknown {
  if (variables === null || typeof variables !== 'object') {
    return variables;
  }
  const { after: _after, ...rest } = variables as Record<string, unknown>;
  return rest;
}
