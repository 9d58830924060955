/**
 * Splits a batch of IN values over several SOQL queries so that every query
 * URL stays within a length budget. The REST query resource takes SOQL in
 * the URL, so a long batch makes a long request line. Batches are measured on
 * the full URL the request will use rather than on a count of values.
 */

/** Encodes SOQL for the `q` parameter exactly as it will be sent. */
export function encodeSoql(soql: string): string {
  // encodeURIComponent leaves ' ( ) ! * unencoded, but the WHATWG URL parser
  // that node-fetch applies encodes ' in a query. Encoding it here first makes
  // the measured length equal the sent length.
  return encodeURIComponent(soql).replace(/'/g, '%27');
}

export interface ChunkedQueries {
  /** One SOQL text per chunk, in the order of the values. */
  queries: string[];
  /** Values that are too long to fit in any query on their own. */
  rejected: string[];
}

/**
 * Builds queries `render(list)` where `list` is a parenthesized IN list of
 * quoted values, packing as many values into each query as fit under
 * `maxUrlLength` when measured with `urlFor`.
 */
export function chunkInQueries(options: {
  quotedValues: readonly string[];
  render: (inList: string) => string;
  urlFor: (soql: string) => string;
  maxUrlLength: number;
}): ChunkedQueries {
  const { quotedValues, render, urlFor, maxUrlLength } = options;
  const fits = (values: readonly string[]): boolean => urlFor(render(`(${values.join(', ')})`)).length <= maxUrlLength;

  const queries: string[] = [];
  const rejected: string[] = [];
  let current: string[] = [];

  for (const value of quotedValues) {
    if (fits([...current, value])) {
      current.push(value);
      continue;
    }

    if (current.length > 0) {
      queries.push(render(`(${current.join(', ')})`));
      current = [];
    }
    if (fits([value])) {
      current.push(value);
    } else {
      rejected.push(value);
    }
  }

  if (current.length > 0) {
    queries.push(render(`(${current.join(', ')})`));
  }
  return { queries, rejected };
}
