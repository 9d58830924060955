import { badUserInput } from '../../errors';

/** Maximum text length of the substring filters (numberContains, search). */
export const MAX_SEARCH_LENGTH = 100;

/**
 * Copies the set fields of a GraphQL filter input into the connector's filter
 * shape: null and undefined mean "no condition", and an empty search text
 * matches everything, so both are left out. An empty status list stays,
 * because "any of these statuses" then matches no row. Lists lose repeated
 * values, because connectors bind one SQL parameter per entry and engines
 * cap parameters per statement (SQLite at 32,766, SQL Server at 2,100),
 * while the enum lists these filters take have only a few distinct values.
 */
export function compactFilter<T extends object>(input: T | null | undefined): { [K in keyof T]?: Exclude<T[K], null> } {
  const result: { [K in keyof T]?: Exclude<T[K], null> } = {};
  if (input === null || input === undefined) {
    return result;
  }

  for (const key of Object.keys(input) as (keyof T)[]) {
    const value = input[key];
    if (Array.isArray(value)) {
      result[key] = [...new Set<unknown>(value)] as Exclude<T[keyof T], null>;
    } else if (value !== null && value !== undefined && value !== '') {
      result[key] = value as Exclude<T[keyof T], null>;
    }
  }
  return result;
}

export function checkSearchLength(text: string | undefined, argumentName: string): void {
  if (text !== undefined && text.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(
      `${argumentName} must be at most ${MAX_SEARCH_LENGTH} characters, got ${text.length}.`,
      argumentName,
    );
  }
}
