import { inspect } from 'node:util';

/**
 * A credential (password, client secret, private key, refresh token) that
 * prints as "[redacted]" in logs, `JSON.stringify` and `util.inspect`, so a
 * logged configuration object cannot leak it. Only `reveal()` returns the text.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}
