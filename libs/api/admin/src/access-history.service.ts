import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { AccessChange, Partner } from '@provision/db';
import { InputError } from '@provision/domain';

/** A keyset position in the permission history: the entry's time and id. */
interface Position {
  at: Date;
  id: string;
}

export interface AccessHistoryQuery {
  partnerCode?: string | null;
  clientId?: string | null;
  from?: Date | null;
  to?: Date | null;
  first: number;
  after?: string | null;
}

export interface AccessHistoryPage {
  entries: AccessChange[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Opaque to clients; names an entry, so pages stay stable while new entries are added. */
export function encodeHistoryCursor({ at, id }: Position): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeHistoryCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const time = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
    if (!Number.isNaN(time.getTime()) && typeof id === 'string' && /^\d{1,19}$/.test(id)) return { at: time, id };
  } catch {
    // Falls through to the same answer as any other malformed cursor.
  }
  throw new InputError('after', 'not a cursor this API handed out');
}

/** The permission history as admins read it: newest first, filtered, keyset-paginated. */
export class AccessHistoryService {
  constructor(private readonly em: EntityManager) {}

  async list(query: AccessHistoryQuery): Promise<AccessHistoryPage> {
    const conditions: FilterQuery<AccessChange>[] = [];
    if (query.partnerCode) {
      const partner = await this.em.findOne(Partner, { code: query.partnerCode });
      if (!partner) throw new InputError('partnerCode', 'no partner with this code');
      conditions.push({ partner });
    }
    if (query.clientId) conditions.push({ clientId: query.clientId });
    if (query.from) conditions.push({ at: { $gte: query.from } });
    if (query.to) conditions.push({ at: { $lt: query.to } });
    if (query.after) {
      const { at, id } = decodeHistoryCursor(query.after);
      conditions.push({ $or: [{ at: { $lt: at } }, { at, id: { $lt: BigInt(id) } }] });
    }
    const rows = await this.em.find(
      AccessChange,
      { $and: conditions },
      { populate: ['partner'], orderBy: { at: 'desc', id: 'desc' }, limit: query.first + 1 },
    );
    const entries = rows.slice(0, query.first);
    const last = entries[entries.length - 1];
    return {
      entries,
      hasNextPage: rows.length > query.first,
      endCursor: last ? encodeHistoryCursor({ at: last.at, id: String(last.id) }) : null,
    };
  }
}
