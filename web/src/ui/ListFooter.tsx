import { ErrorNotice, Loading } from './QueryStates';
import type { CursorPages } from './useCursorPages';

interface ListFooterProps {
  pages: Pick<CursorPages<unknown>, 'hasNextPage' | 'fetching' | 'error' | 'loadMore' | 'retry'>;
  /** Plural noun for the list's items, for example "invoices". */
  noun: string;
  /** Text for UPSTREAM_UNAVAILABLE, as ErrorNotice takes it. */
  unavailableMessage?: string;
}

/** Shows the "Load more" button, or the loading or error state of a page requested after the first. */
export function ListFooter({ pages, noun, unavailableMessage }: ListFooterProps) {
  if (pages.error) {
    return <ErrorNotice error={pages.error} forbiddenSubject={noun} onRetry={pages.retry} unavailableMessage={unavailableMessage} />;
  }
  if (pages.fetching) {
    return <Loading label={`Loading more ${noun}…`} />;
  }
  if (!pages.hasNextPage) {
    return null;
  }
  return (
    <p className="load-more">
      <button type="button" onClick={pages.loadMore}>
        Load more
      </button>
    </p>
  );
}
