import { badUserInput } from '../../errors';

export const MAX_PAGE_SIZE = 100;

/** Checks the `first` argument of a connection field. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, 'first');
  }
  return first;
}
