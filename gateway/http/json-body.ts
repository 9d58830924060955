/**
 * JSON body parser for /graphql. It accepts what Fastify's default parser
 * accepts, including its protection against prototype poisoning, but each
 * rejection names what is wrong: Fastify reports a "__proto__" key as "Body
 * is not valid JSON".
 */
import type { FastifyRequest } from 'fastify';

/** A request body that cannot be parsed; the message is written for the client. */
export class InvalidJsonBodyError extends Error {
  override name = 'InvalidJsonBodyError';
  readonly statusCode = 400;
}

const EXAMPLE = 'Send a JSON object, such as {"query": "{ viewer { email } }"}.';

/**
 * Keys that could change an object's prototype once the parsed value is
 * merged into another object. An escape such as "\u005f" can spell them, so
 * any escape sends the body through the slower check as well.
 */
const POSSIBLE_POISONING = /__proto__|constructor|\\u/;

/** Fastify content type parser (parseAs: 'string') for application/json. */
export function parseJsonBody(_request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void): void {
  if (body.length === 0) {
    done(new InvalidJsonBodyError(`The request body is empty. ${EXAMPLE}`));
    return;
  }

  let forbiddenKey: string | null = null;
  let parsed: unknown;
  try {
    parsed = POSSIBLE_POISONING.test(body)
      ? JSON.parse(body, (key, value: unknown) => {
          if (key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype'))) {
            forbiddenKey ??= key;
          }
          return value;
        })
      : JSON.parse(body);
  } catch {
    done(new InvalidJsonBodyError(`The request body is not valid JSON. ${EXAMPLE}`));
    return;
  }

  if (forbiddenKey !== null) {
    const described = forbiddenKey === '__proto__' ? 'the key "__proto__"' : 'a "constructor" key with a "prototype" key inside';
    done(
      new InvalidJsonBodyError(
        `The request body contains ${described}, which is rejected because it could change object prototypes. Rename that key, for example the variable or input field that uses it.`,
      ),
    );
    return;
  }
  done(null, parsed);
}
