/**
 * Seeded pseudo-random numbers for the demo generator, so the same seed always
 * produces the same rows. The generator is sfc32 (the Small Fast Counting
 * generator from Chris Doty-Humphrey's PractRand), seeded through splitmix32.
 * Math.random is never used.
 */

function splitmix32(state: number): () => number {
  let value = state >>> 0;
  return () => {
    value = (value + 0x9e3779b9) >>> 0;
    let mixed = value;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0;
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0;
    return (mixed ^ (mixed >>> 16)) >>> 0;
  };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Invalid seed ${seed}: expected a whole number.`);
    }
    const next = splitmix32(seed % 0x1_0000_0000);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // A fresh state is weakly mixed, so the first 12 outputs are discarded.
    for (let index = 0; index < 12; index += 1) {
      this.uint32();
    }
  }

  uint32(): number {
    const result = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + result) >>> 0;
    return result;
  }

  /** Returns a number in [0, 1), for probabilities and positions (never for money). */
  fraction(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Returns a whole number from `min` to `max`, both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.fraction() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.fraction() < probability;
  }

  pick<T>(values: readonly T[]): T {
    const value = values[this.integer(0, values.length - 1)];
    if (value === undefined) {
      throw new RangeError('Cannot pick from an empty list.');
    }
    return value;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [value: T, weight: number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.fraction() * total;
    for (const [value, weight] of entries) {
      point -= weight;
      if (point < 0) {
        return value;
      }
    }
    const last = entries[entries.length - 1];
    if (last === undefined) {
      throw new RangeError('Cannot pick from an empty list.');
    }
    return last[0];
  }

  /** Returns `length` characters drawn from `alphabet`. */
  characters(alphabet: string, length: number): string {
    let text = '';
    for (let index = 0; index < length; index += 1) {
      text += alphabet.charAt(this.integer(0, alphabet.length - 1));
    }
    return text;
  }
}
