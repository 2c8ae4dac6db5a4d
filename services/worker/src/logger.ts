import { type DestinationStream, pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * JSON logs on stdout (or `destination`, for tests), in the gateway's format. The worker logs ids,
 * counts, partner codes and error classes only — never a notice payload or a response body — so
 * it needs none of the gateway's masking of request data.
 */
export function createWorkerLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
