import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Fields every log line written on behalf of one unit of work carries (a request: its id, the W3C
 * trace it belongs to, the client and the operation once known). Identifiers only, never personal
 * values: each is validated or bounded where it is set.
 */
export type LogContext = Record<string, string>;

const current = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `fields` on every log line it writes, however deep and however late (async). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return current.run(fields, work);
}

/**
 * The fields of the unit of work running now, to add to as it learns more (e.g. the client, once
 * authenticated); undefined outside one.
 */
export function logContext(): LogContext | undefined {
  return current.getStore();
}
