import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@provision/testing';

// docs/scale-out.md on paper, checked against the migrated schema: every table of the public schema
// has a declared Citus class in docs/scale-out.tables.json, and the rules of that class hold — or
// the exact violations are written down as the table's blockers (what a migration must change
// before `create_distributed_table`). A new table without a class, a new unique key without the
// distribution column, or a fixed blocker still listed, fails here.

interface TableClass {
  class: 'distributed' | 'reference' | 'local';
  /** Distributed tables: the column rows are placed by, and the group of tables co-located on it. */
  column?: string;
  colocation?: string;
  blockers: string[];
}

const mapFile = join(import.meta.dirname, '../../../docs/scale-out.tables.json');
const declared = (JSON.parse(readFileSync(mapFile, 'utf8')) as { tables: Record<string, TableClass> }).tables;

interface UniqueIndex {
  table: string;
  index: string;
  columns: (string | null)[];
}
interface ForeignKey {
  table: string;
  name: string;
  target: string;
  columns: string[];
  targetColumns: string[];
}
interface Column {
  table: string;
  column: string;
  nullable: boolean;
}

/** The rule violations of each table under the declared classes, as the map's blockers spell them. */
function violations(columns: Column[], uniques: UniqueIndex[], foreignKeys: ForeignKey[]): Map<string, string[]> {
  const found = new Map<string, string[]>(Object.keys(declared).map((table) => [table, []]));
  const add = (table: string, problem: string) => found.get(table)?.push(problem);
  for (const [table, declaration] of Object.entries(declared)) {
    if (declaration.class !== 'distributed') continue;
    const column = columns.find((candidate) => candidate.table === table && candidate.column === declaration.column);
    if (!column) add(table, `no column ${declaration.column}`);
    else if (column.nullable) add(table, `${declaration.column} is nullable`);
  }
  for (const unique of uniques) {
    const declaration = declared[unique.table];
    if (declaration?.class === 'distributed' && !unique.columns.includes(declaration.column ?? '')) {
      add(unique.table, `unique ${unique.index} (${unique.columns.join(', ')}) lacks ${declaration.column}`);
    }
  }
  for (const key of foreignKeys) {
    const [from, to] = [declared[key.table], declared[key.target]];
    if (!from || !to) continue;
    // A distributed row's shard cannot check a row that lives on the coordinator only.
    if (from.class === 'distributed' && to.class === 'local') add(key.table, `foreign key ${key.name} from a distributed table to local ${key.target}`);
    if (to.class !== 'distributed') continue;
    if (from.class !== 'distributed') {
      add(key.table, `foreign key ${key.name} from a ${from.class} table to distributed ${key.target}`);
      continue;
    }
    const position = key.columns.indexOf(from.column ?? '');
    const colocated = from.colocation === to.colocation && position >= 0 && key.targetColumns[position] === to.column;
    if (!colocated) add(key.table, `foreign key ${key.name} (${key.columns.join(', ')}) to ${key.target} is not on the distribution columns`);
  }
  for (const problems of found.values()) problems.sort();
  return found;
}

describe('the Citus distribution plan (docs/scale-out.md)', () => {
  let db: TestDatabase;
  let tables: string[];
  let columns: Column[];
  let uniques: UniqueIndex[];
  let foreignKeys: ForeignKey[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const sql = db.orm.em.getConnection();
    tables = (
      await sql.execute<{ table: string }[]>(
        `select c.relname as "table" from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
      )
    ).map((row) => row.table);
    columns = await sql.execute<Column[]>(
      `select table_name as "table", column_name as "column", is_nullable = 'YES' as nullable
         from information_schema.columns where table_schema = 'public'`,
    );
    uniques = await sql.execute<UniqueIndex[]>(
      `select t.relname as "table", i.relname as "index",
              array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, position)
                      left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.position) as columns
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
         join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and x.indisunique`,
    );
    foreignKeys = await sql.execute<ForeignKey[]>(
      `select s.relname as "table", c.conname as name, d.relname as target,
              array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, position)
                      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.position) as columns,
              array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, position)
                      join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.position) as "targetColumns"
         from pg_constraint c join pg_class s on s.oid = c.conrelid join pg_class d on d.oid = c.confrelid
         join pg_namespace n on n.oid = s.relnamespace
        where n.nspname = 'public' and c.contype = 'f'`,
    );
  });
  afterAll(() => db?.drop());

  it('declares a class for every table, and only for tables that exist', () => {
    expect(Object.keys(declared).sort()).toEqual(tables);
    for (const [table, declaration] of Object.entries(declared)) {
      const distributed = declaration.class === 'distributed';
      expect({ table, hasColumn: typeof declaration.column === 'string', hasGroup: typeof declaration.colocation === 'string' }).toEqual({
        table,
        hasColumn: distributed,
        hasGroup: distributed,
      });
    }
  });

  it('keeps the distribution rules, except exactly the blockers written down', () => {
    const actual = Object.fromEntries(violations(columns, uniques, foreignKeys));
    const written = Object.fromEntries(Object.entries(declared).map(([table, declaration]) => [table, [...declaration.blockers].sort()]));
    expect(actual).toEqual(written);
  });

  it('finds a unique key without the distribution column, and a foreign key into a distributed table from a local one', () => {
    const table = Object.keys(declared).find((name) => declared[name]!.class === 'distributed' && declared[name]!.blockers.length === 0)!;
    const local = Object.keys(declared).find((name) => declared[name]!.class === 'local')!;
    const extraUnique = { table, index: 'new_unique', columns: ['created_at'] };
    const extraKey = { table: local, name: 'new_fk', target: table, columns: ['x'], targetColumns: [declared[table]!.column!] };
    const found = violations(columns, [...uniques, extraUnique], [...foreignKeys, extraKey]);
    expect(found.get(table)).toContain(`unique new_unique (created_at) lacks ${declared[table]!.column}`);
    expect(found.get(local)).toContain(`foreign key new_fk from a local table to distributed ${table}`);
  });
});
