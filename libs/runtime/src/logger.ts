import { type DestinationStream, pino, type Logger } from 'pino';
import { ITEM_CATALOG } from '@provision/domain';
import { logContext } from './log-context.js';

/** pino's levels, plus `silent`. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type { Logger } from 'pino';

export const REDACTED = '[Redacted]';

/**
 * Keys whose values never reach a log line, wherever they sit in the logged object: every item of
 * the catalog (`receiver.address` and its last segment `address`), credentials, and GraphQL
 * variables (which carry the shop's personal data in mutations).
 */
const SECRET_KEYS: ReadonlySet<string> = new Set(
  [
    ...ITEM_CATALOG.keys().flatMap((key) => [key, key.slice(key.lastIndexOf('.') + 1)]),
    'variables',
    'authorization',
    'cookie',
    'set-cookie',
    'password',
    'secret',
    'webhookSecret',
    'token',
    'accessToken',
    'dataKeys',
    'indexKey',
    'keys',
    'sealedPayload',
  ].map((key) => key.toLowerCase()),
);

const MAX_DEPTH = 8;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of `value` with secret keys masked; Errors and other class instances are left to pino. */
export function scrub(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[Truncated]';
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : scrub(item, depth + 1),
    ]),
  );
}

/**
 * JSON logs on stdout (or `destination`, for tests), the same for every service. Personal and
 * secret keys are masked at any depth; request bodies and notice payloads are never logged in the
 * first place. Each line carries the fields of the `withLogContext` it is written in.
 */
export function createLogger(options: { service: string; level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A copy: pino merges the line's own fields into what the mixin returns.
      mixin: () => ({ ...logContext() }),
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      // Belt and braces for the well-known places, in case a caller logs a class instance.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', '*.variables'],
        censor: REDACTED,
      },
    },
    options.destination,
  );
}
