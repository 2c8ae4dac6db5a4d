import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';

/**
 * Positional parameters of one hand-written statement: `add` keeps the value and answers its
 * placeholder (`$3`, or `$3::uuid[]` with a cast), so statements composed of fragments from
 * several libraries number their parameters without counting by hand. Values are never spliced
 * into the text.
 *
 * @example
 * const params = new SqlParams();
 * const text = `select * from orders where seller_id = ${params.add(partnerId, 'uuid')}`;
 * await pool.query(text, params.values);
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast === undefined ? `$${this.values.length}` : `$${this.values.length}::${cast}`;
  }
}

/**
 * What runs a statement with bound parameters: a `pg` pool (one autocommit statement), a checked-out
 * client (inside its transaction), or anything that runs statements on one of them.
 */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The `pg` pool under the ORM, for the paths that run hand-written SQL with bound parameters (the
 * partner API, the ledger writer): the same connections, limits and settings as the ORM's, no
 * second pool. A statement on it runs outside any transaction the entity manager may be in.
 */
export async function nativePool(em: EntityManager): Promise<pg.Pool> {
  return (await em.getConnection().getNativeClient()) as pg.Pool;
}
