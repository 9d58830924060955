/**
 * Reads environment variables and collects every problem instead of stopping
 * at the first, so one start-up error lists everything to fix. Each problem
 * names the variable and shows an example value. Values of secret variables
 * are never echoed back.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** Returns the trimmed value, or undefined when the variable is unset or blank. */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Returns the raw value without trimming, for secrets whose spaces may matter. */
  optionalSecret(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string, example: string, reason: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      this.problems.push(`${name} is missing; ${reason}. Example: ${name}=${example}`);
      return '';
    }
    return value;
  }

  requiredSecret(name: string, example: string, reason: string): string {
    const value = this.optionalSecret(name);
    if (value === undefined) {
      this.problems.push(`${name} is missing; ${reason}. Example: ${name}=${example}`);
      return '';
    }
    return value;
  }

  integer(name: string, fallback: number, range: { min: number; max: number }, unit: string): number {
    const text = this.optional(name);
    if (text === undefined) {
      return fallback;
    }

    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
      this.problems.push(
        `${name} must be a whole number of ${unit} from ${range.min} to ${range.max}, got ${JSON.stringify(text)}. Example: ${name}=${fallback}`,
      );
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
    const text = this.optional(name);
    if (text === undefined) {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(text)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(text)}. Example: ${name}=${allowed[0]}`);
      return fallback;
    }
    return text as T;
  }

  /**
   * Reads a Salesforce API name (object or field). These names are written
   * into SOQL unquoted, so anything but letters, digits and underscores is
   * rejected here rather than escaped later.
   */
  apiName(name: string, fallback: string): string {
    const text = this.optional(name) ?? fallback;
    if (!/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(text)) {
      this.problems.push(
        `${name} must be a Salesforce field API name (letters, digits and underscores), got ${JSON.stringify(text)}. Example: ${name}=${fallback}`,
      );
      return fallback;
    }
    return text;
  }
}
