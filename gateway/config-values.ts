/**
 * Parsers for environment variable values, shared by the gateway's own
 * settings and the settings of each feature (payments, documents). Every
 * error names the variable, repeats the bad value and shows an example.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses a whole number in [min, max]; the error's example shows the default. */
export function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) {
    return fallback;
  }

  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`Invalid ${name} "${value}": expected a whole number from ${min} to ${max}, for example ${name}=${fallback}.`);
  }
  return parsed;
}

/** Parses true/false, 1/0, yes/no or on/off. The error's example shows the value that changes the default. */
export function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) {
    return fallback;
  }

  const normalized = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(normalized)) {
    return false;
  }
  throw new ConfigError(`Invalid ${name} "${value}": expected true or false, for example ${name}=${String(!fallback)}.`);
}
