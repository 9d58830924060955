/**
 * Batch loading with DataLoader's contract: one result per key, in key order,
 * `null` or `[]` for a key without rows, and no statement for an empty batch.
 */

/**
 * Keys per statement. SQL Server accepts at most 2,100 bound parameters in
 * one statement, and 1,000 keys leave room for the customer id and other values.
 */
export const MAX_KEYS_PER_STATEMENT = 1_000;

export interface BatchLoad<Row> {
  /**
   * Returns the lookup form of a key, or null for a key that cannot match any
   * row (such as a malformed id), which then gets no rows without a query.
   */
  normalise?: (key: string) => string | null;
  /** Runs one statement for up to MAX_KEYS_PER_STATEMENT distinct normalised keys. */
  fetch(keys: string[]): Promise<Row[]>;
  /** The normalised key a row belongs to. */
  keyOf(row: Row): string;
}

async function loadGroups<Row>(keys: readonly string[], load: BatchLoad<Row>): Promise<Map<string, Row[]>> {
  const normalise = load.normalise ?? ((key: string) => key);
  const distinct = [...new Set(keys.map(normalise).filter((key): key is string => key !== null))];

  const groups = new Map<string, Row[]>();
  for (let start = 0; start < distinct.length; start += MAX_KEYS_PER_STATEMENT) {
    const rows = await load.fetch(distinct.slice(start, start + MAX_KEYS_PER_STATEMENT));
    for (const row of rows) {
      const key = load.keyOf(row);
      const group = groups.get(key);
      if (group === undefined) {
        groups.set(key, [row]);
      } else {
        group.push(row);
      }
    }
  }
  return groups;
}

/** Loads one row (the first the statement returned) or null per key. */
export async function loadOne<Row>(keys: readonly string[], load: BatchLoad<Row>): Promise<(Row | null)[]> {
  const groups = await loadGroups(keys, load);
  const normalise = load.normalise ?? ((key: string) => key);
  return keys.map((key) => {
    const normalised = normalise(key);
    return normalised === null ? null : (groups.get(normalised)?.[0] ?? null);
  });
}

/** Loads all rows per key in the statement's order, or [] for a key without rows. */
export async function loadMany<Row>(keys: readonly string[], load: BatchLoad<Row>): Promise<Row[][]> {
  const groups = await loadGroups(keys, load);
  const normalise = load.normalise ?? ((key: string) => key);
  return keys.map((key) => {
    const normalised = normalise(key);
    // A fresh array per key, so callers can change one result without changing another.
    return normalised === null ? [] : [...(groups.get(normalised) ?? [])];
  });
}
