import { createHash } from 'node:crypto';
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

/**
 * Names for the statements of a hot path, so that each pooled connection parses and plans a
 * statement once and afterwards only binds and executes it (PostgreSQL keeps a generic plan once
 * it has proven no costlier than the custom ones). The name is a digest of the text, so a text
 * always has the same name and two texts never share one. At most `limit` texts are named; any
 * further text, and every text when naming is off, is sent unnamed (parsed and planned each time).
 *
 * Off for a connection pooler that does not carry prepared statements across transactions
 * (PgBouncer before 1.21 in transaction mode, or later without `max_prepared_statements`).
 */
export class PreparedStatements {
  readonly #names = new Map<string, string>();

  constructor(
    private readonly enabled: boolean,
    private readonly limit = 64,
  ) {}

  /** The statement to send for `text` with `values`. */
  of(text: string, values: unknown[]): pg.QueryConfig {
    if (!this.enabled) return { text, values };
    let name = this.#names.get(text);
    if (name === undefined) {
      if (this.#names.size >= this.limit) return { text, values };
      name = `provision_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
      this.#names.set(text, name);
    }
    return { name, text, values };
  }
}
