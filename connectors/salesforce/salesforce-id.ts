/**
 * Salesforce record ids: 15 case-sensitive characters, or the 18-character
 * form whose last three characters encode the case of the first fifteen.
 * The REST API returns 18-character ids and accepts either form in filters.
 */

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function isSalesforceId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * Returns the 18-character form of a 15- or 18-character id, so that the same
 * record always has the same key (in caches, maps and comparisons).
 * Throws when the value is not an id at all.
 */
export function toId18(value: string): string {
  if (!isSalesforceId(value)) {
    throw new Error(`Invalid Salesforce id ${JSON.stringify(value)}: expected 15 or 18 letters and digits, such as "001000000000001AAA".`);
  }
  if (value.length === 18) {
    return value;
  }

  // Each 5-character block contributes one checksum character: bit i is set
  // when character i of the block is an upper-case letter.
  let suffix = '';
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const character = value.charAt(block * 5 + position);
      if (character >= 'A' && character <= 'Z') {
        bits |= 1 << position;
      }
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return value + suffix;
}
