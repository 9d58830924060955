/**
 * Password hashing with scrypt from node:crypto.
 *
 * Hashes are stored as "scrypt$ln=15,r=8,p=1$<salt>$<key>" (salt and key in
 * base64url), so the parameters travel with each hash and can be raised later
 * without invalidating stored credentials.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/**
 * Cost parameters for new hashes: N = 2^15, r = 8, p = 1 needs 32 MiB of
 * memory per hash.
 * NOTE: OWASP's Password Storage Cheat Sheet (2023 revision) recommends at
 * least N = 2^17, which needs 128 MiB and four times the CPU per sign-in.
 * Raise `log2Cost` here when the hosts allow it. Stored hashes keep their own
 * parameters, still verify, and are re-hashed at the next sign-in.
 */
export const DEFAULT_SCRYPT_PARAMETERS = { log2Cost: 15, blockSize: 8, parallelization: 1 } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;

interface ScryptParameters {
  log2Cost: number;
  blockSize: number;
  parallelization: number;
}

interface ParsedHash extends ScryptParameters {
  salt: Buffer;
  key: Buffer;
}

export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, parameters);
  const { log2Cost, blockSize, parallelization } = parameters;
  return `scrypt$ln=${log2Cost},r=${blockSize},p=${parallelization}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * Checks `password` against a stored hash in constant time. A hash that
 * cannot be parsed verifies as false (and is never shown to the caller).
 */
export async function verifyPassword(password: string, encodedHash: string): Promise<boolean> {
  const parsed = parseHash(encodedHash);
  if (parsed === null) {
    return false;
  }

  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as `verifyPassword` for an e-mail without a usable
 * credential, so response times do not reveal which e-mails have accounts.
 * Always returns false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('no account has this password');
  await verifyPassword(password, await dummyHash);
  return false;
}

/** True when a stored hash uses weaker parameters than new hashes would. */
export function needsRehash(encodedHash: string): boolean {
  const parsed = parseHash(encodedHash);
  return (
    parsed === null ||
    parsed.log2Cost < DEFAULT_SCRYPT_PARAMETERS.log2Cost ||
    parsed.blockSize < DEFAULT_SCRYPT_PARAMETERS.blockSize ||
    parsed.key.length < KEY_BYTES
  );
}

function parseHash(encodedHash: string): ParsedHash | null {
  const match = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(encodedHash);
  if (match === null) {
    return null;
  }

  const log2Cost = Number(match[1]);
  const blockSize = Number(match[2]);
  const parallelization = Number(match[3]);
  const salt = Buffer.from(match[4] ?? '', 'base64url');
  const key = Buffer.from(match[5] ?? '', 'base64url');

  // Bounds keep a corrupt or hostile row from demanding more than 256 MiB
  // of memory (scrypt uses about 128 * N * r bytes) or minutes of CPU.
  const memoryBytes = 128 * 2 ** log2Cost * blockSize;
  const sane = log2Cost >= 10 && blockSize >= 1 && parallelization >= 1 && parallelization <= 16 && memoryBytes <= 256 * 1024 * 1024;
  if (!sane || salt.length < 8 || key.length < 16) {
    return null;
  }
  return { log2Cost, blockSize, parallelization, salt, key };
}

function deriveKey(password: string, salt: Buffer, keyLength: number, parameters: ScryptParameters): Promise<Buffer> {
  const cost = 2 ** parameters.log2Cost;
  const options: ScryptOptions = {
    N: cost,
    r: parameters.blockSize,
    p: parameters.parallelization,
    // scrypt needs about 128 * N * r bytes; leave headroom over that.
    maxmem: 256 * cost * parameters.blockSize,
  };

  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (error, key) => {
      if (error) {
        reject(error);
      } else {
        resolve(key);
      }
    });
  });
}
