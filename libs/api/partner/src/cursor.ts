import { InputError } from '@provision/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A keyset position: the sort time and the row id that breaks ties. */
export interface Position {
  at: Date;
  id: string;
}

/** Opaque to clients; stable across requests because it names a row, not an offset. */
export function encodeCursor({ at, id }: Position): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const time = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
    if (!Number.isNaN(time.getTime()) && typeof id === 'string' && UUID.test(id)) return { at: time, id };
  } catch {
    // Falls through to the same answer as any other malformed cursor.
  }
  throw new InputError(field, 'not a cursor this API handed out');
}

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
