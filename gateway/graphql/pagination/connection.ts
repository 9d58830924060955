import type { Page, SortOrder } from '../../../connectors/sources';
import type { PageInfo } from '../types/page-info';
import { pageInfo } from '../types/page-info';
import { encodeCursor } from './cursor';

/** Turns a connector page into Relay edges with cursors, mapping each node. */
export function toConnection<Row, Node>(
  list: string,
  orderBy: SortOrder<string>,
  page: Page<Row>,
  mapNode: (row: Row) => Node,
): { edges: { cursor: string; node: Node }[]; pageInfo: PageInfo } {
  const edges = page.items.map((item) => ({ cursor: encodeCursor(list, orderBy, item.key), node: mapNode(item.node) }));
  return { edges, pageInfo: pageInfo(edges.map((edge) => edge.cursor), page.hasNextPage) };
}
