/**
 * A mapping table between a Salesforce picklist (Case Status, Priority) and a
 * portal enum, read from configuration such as
 * `New=NEW,Working=IN_PROGRESS,Closed=CLOSED`.
 *
 * Lookups ignore letter case because SOQL compares picklist values without
 * regard to case: a filter `Status IN ('working')` matches "Working", so the
 * mapping must treat both spellings alike too.
 */
export class ValueMap<Domain extends string> {
  private readonly byRaw = new Map<string, Domain>();
  private readonly rawByDomain = new Map<Domain, string[]>();

  constructor(entries: readonly (readonly [raw: string, domain: Domain])[]) {
    for (const [raw, domain] of entries) {
      this.byRaw.set(raw.toLowerCase(), domain);
      const raws = this.rawByDomain.get(domain) ?? [];
      raws.push(raw);
      this.rawByDomain.set(domain, raws);
    }
  }

  /** Returns the portal value of a raw Salesforce value, or null when the table does not list it. */
  lookup(raw: string | null): Domain | null {
    return raw === null ? null : (this.byRaw.get(raw.toLowerCase()) ?? null);
  }

  /** Returns every raw value that maps to `domain`, in table order. */
  rawValuesFor(domain: Domain): readonly string[] {
    return this.rawByDomain.get(domain) ?? [];
  }

  /** Returns every raw value the table lists. */
  knownRawValues(): readonly string[] {
    return [...this.rawByDomain.values()].flat();
  }
}

/**
 * Parses `Raw=DOMAIN,Raw=DOMAIN`. Returns the table, or a list of problems
 * that name the variable and the bad entry. Raw values may contain spaces
 * and "=" but not commas.
 */
export function parseValueMap<Domain extends string>(
  variable: string,
  text: string,
  allowed: readonly Domain[],
): { map: ValueMap<Domain> } | { problems: string[] } {
  const problems: string[] = [];
  const entries: [string, Domain][] = [];
  const seen = new Set<string>();

  for (const item of text.split(',')) {
    const trimmed = item.trim();
    if (trimmed === '') {
      continue;
    }

    // Split at the last "=", so a raw value may itself contain "=".
    const separator = trimmed.lastIndexOf('=');
    const raw = separator > 0 ? trimmed.slice(0, separator).trim() : '';
    const domain = separator > 0 ? trimmed.slice(separator + 1).trim() : '';
    if (raw === '' || domain === '') {
      problems.push(`${variable} entry ${JSON.stringify(trimmed)} is not of the form Value=${allowed[0] ?? 'VALUE'}.`);
      continue;
    }
    if (!(allowed as readonly string[]).includes(domain)) {
      problems.push(`${variable} entry ${JSON.stringify(trimmed)} maps to ${JSON.stringify(domain)}, which is not one of ${allowed.join(', ')}.`);
      continue;
    }
    if (seen.has(raw.toLowerCase())) {
      problems.push(`${variable} lists ${JSON.stringify(raw)} more than once; keep one entry per Salesforce value.`);
      continue;
    }

    seen.add(raw.toLowerCase());
    entries.push([raw, domain as Domain]);
  }

  if (entries.length === 0 && problems.length === 0) {
    problems.push(`${variable} is empty; list at least one entry, for example ${JSON.stringify(`Value=${allowed[0] ?? 'VALUE'}`)}.`);
  }
  return problems.length > 0 ? { problems } : { map: new ValueMap(entries) };
}
