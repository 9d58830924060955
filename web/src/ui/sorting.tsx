/**
 * Sortable column headers whose state lives in the URL query string
 * (`?sort=BALANCE&dir=DESC`), so a reload or the back button keeps it.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { SortDirection } from '../gql/graphql';

export interface Sort<Field extends string> {
  field: Field;
  direction: SortDirection;
}

/**
 * Reads the sort from the URL, ignoring a field outside `fields`, and returns
 * a function that sorts by a column: a new column starts ascending and the
 * current column flips direction.
 */
export function useSortParam<Field extends string>(
  fields: readonly Field[],
): [Sort<Field> | null, (field: Field) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const sort = parseSort(searchParams, fields);

  const toggleSort = useCallback(
    (field: Field) => {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        const active = parseSort(current, fields);
        const direction: SortDirection = active?.field === field && active.direction === 'ASC' ? 'DESC' : 'ASC';
        next.set('sort', field);
        next.set('dir', direction);
        return next;
      });
    },
    [fields, setSearchParams],
  );

  return [sort, toggleSort];
}

function parseSort<Field extends string>(searchParams: URLSearchParams, fields: readonly Field[]): Sort<Field> | null {
  const field = searchParams.get('sort');
  if (field === null || !(fields as readonly string[]).includes(field)) {
    return null;
  }
  const direction: SortDirection = searchParams.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  return { field: field as Field, direction };
}

const ARIA_SORT = { ASC: 'ascending', DESC: 'descending' } as const;
const SORT_INDICATORS = { ASC: '▲', DESC: '▼' } as const;

interface SortableHeaderProps<Field extends string> {
  field: Field;
  label: string;
  sort: Sort<Field> | null;
  onSort: (field: Field) => void;
  className?: string;
}

/** Renders a column header with a sort button and `aria-sort` for screen readers. */
export function SortableHeader<Field extends string>({ field, label, sort, onSort, className }: SortableHeaderProps<Field>) {
  const active = sort?.field === field ? sort.direction : null;
  const ariaSort = active ? ARIA_SORT[active] : 'none';
  const indicator = active ? SORT_INDICATORS[active] : '↕';

  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(field)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {indicator}
        </span>
      </button>
    </th>
  );
}
