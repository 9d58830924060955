/** Typed reading and writing of list filters kept in the URL query string. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the parameter when it is one of `allowed`, otherwise undefined. */
export function readEnumParam<Value extends string>(
  searchParams: URLSearchParams,
  name: string,
  allowed: readonly Value[],
): Value | undefined {
  const value = searchParams.get(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as Value) : undefined;
}

/** Returns the parameter when it is a "YYYY-MM-DD" date, otherwise undefined. */
export function readDateParam(searchParams: URLSearchParams, name: string): string | undefined {
  const value = searchParams.get(name);
  return value !== null && DATE_PATTERN.test(value) ? value : undefined;
}

/** Returns the trimmed parameter, or undefined when it is missing or blank. */
export function readTextParam(searchParams: URLSearchParams, name: string): string | undefined {
  const value = searchParams.get(name)?.trim();
  return value ? value : undefined;
}

/**
 * Returns a function that sets one query parameter, or removes it for null or
 * an empty string, keeping the others. It replaces the current history entry,
 * so changing filters adds no entries for the back button to step through.
 */
export function useSetSearchParam(): (name: string, value: string | null) => void {
  const [, setSearchParams] = useSearchParams();
  return useCallback(
    (name: string, value: string | null) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === null || value === '') {
            next.delete(name);
          } else {
            next.set(name, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );
}
