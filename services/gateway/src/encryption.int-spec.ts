import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_CLIENT_IDS, Notice } from '@provision/db';
import { noticePayload } from '@provision/notices';
import { type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

const NOW = '2026-11-22T03:00:00.000Z';
const UPSERT = loadOperation('shop/upsert-subject');
const RECORD_ORDER = loadOperation('shop/record-order');
const APPLY_CORRECTION = loadOperation('shop/apply-correction');
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];

// Real formats, so that a grep for them means something: P and 12 digits, CI 88 characters of base64, DI 64.
const receiver = {
  name: '한지민',
  phone: '010-0000-8801',
  address: '광주광역시 북구 예시로 88',
  customsCode: 'P202611220881',
  ci: 'Qm9ndXNDSUZvclRlc3RzT25seTAxMjM0NTY3ODlBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWmFiY2RlZmdoaWprbG1ubw==',
  di: 'RGVtb0RJRm9yVGVzdHNPbmx5MDEyMzQ1Njc4OUFCQ0RFRkdISUpLTE1OT1BRUlNU',
};
const NEW_CODE = 'P202611220882';
// The demo seed's unique identifiers (libs/db/src/demo-seed.ts).
const SEEDED = ['P100000000001', 'P100000000002', '9jP6mZB1yA4pDx+drBUeM4DLkprqE3IqnMGmhNgDWwvakfU8bSr95aqUSKk4O/tIP2wcig58SUfpKPMIbbrjVA=='];

/** The major version of the `pg_dump` on PATH, or null when there is none. */
function pgDumpMajor(): number | null {
  try {
    return Number(/(\d+)\./.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))?.[1]);
  } catch {
    return null;
  }
}

/**
 * Everything the database holds, as a dump would: `pg_dump` when its major version matches the
 * server's (the machine's PostgreSQL 15), else every row of every table as text (the embedded
 * PostgreSQL 18 ships no pg_dump, and an older one refuses a newer server).
 */
async function dumpOf(url: string, query: <T>(sql: string) => Promise<T[]>): Promise<{ text: string; tool: string }> {
  const [{ server_version_num: server }] = await query<{ server_version_num: string }>('show server_version_num');
  if (pgDumpMajor() === Math.floor(Number(server) / 10000)) {
    return { text: execFileSync('pg_dump', ['--dbname', url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }), tool: 'pg_dump' };
  }
  const tables = await query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const [{ rows }] = await query<{ rows: string | null }>(`select string_agg(t::text, E'\\n') as rows from ${name} t`);
    parts.push(`-- ${name}\n${rows ?? ''}`);
  }
  return { text: parts.join('\n'), tool: 'rows of every table' };
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Starts a service entry as production would, and returns how it ended. */
function startProcess(entry: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const { status, stderr } = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', entry], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status, stderr: stderr.trim() };
}

describe('production without keys', () => {
  it('the gateway and the worker refuse to start, with one line naming DATA_KEYS', () => {
    const gateway = startProcess('services/gateway/src/main.ts', {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://gateway@127.0.0.1:1/provision',
      AUTH_ISSUER: 'https://login.example.com',
      AUTH_AUDIENCE: 'urn:provision-gateway',
      AUTH_JWKS_URL: 'https://login.example.com/jwks.json',
    });
    expect(gateway).toEqual({ status: 1, stderr: 'Invalid configuration: DATA_KEYS is required in production' });
    const worker = startProcess('services/worker/src/main.ts', { NODE_ENV: 'production', DATABASE_URL: 'postgresql://worker@127.0.0.1:1/provision' });
    expect(worker).toEqual({ status: 1, stderr: 'Invalid configuration: DATA_KEYS is required' });
  }, 120_000);
});

describe('unique identifiers at rest', () => {
  const suite = useSeededGateway(NOW);
  const send = async <TData>(query: string, variables: Record<string, unknown>, clientId: string, scopes: string[]) =>
    (await suite.harness.post<TData>({ query, variables }, await suite.harness.token(clientId, scopes))).body;
  const shop = (query: string, input: Record<string, unknown>) => send(query, { input }, DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write']);
  type Orders = GraphQLBody<{ orders: { nodes: { shopOrderId: string; receiver: Record<string, string | null> }[] } }>;
  const sellerOrders = (): Promise<Orders> => send(SELLER_ORDERS, {}, DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
  const sellerReceiver = async (shopOrderId = 'MIK-E-0001') =>
    (await sellerOrders()).data!.orders.nodes.find((node) => node.shopOrderId === shopOrderId)!.receiver;
  const order = (shopOrderId: string, receiverShopSubjectId: string) =>
    shop(RECORD_ORDER, {
      shopOrderId,
      buyerShopSubjectId: 'member-0001',
      receiverShopSubjectId,
      sellerCode: 'hanbok-house',
      orderedAt: '2026-11-22T02:00:00.000Z',
    });

  beforeAll(async () => {
    for (const body of [
      await shop(UPSERT, { shopSubjectId: 'receiver-E1', kind: 'RECEIVER', ...receiver }),
      await order('MIK-E-0001', 'receiver-E1'),
      await shop(UPSERT, { shopSubjectId: 'receiver-E2', kind: 'RECEIVER', name: '오세훈', address: '울산광역시 남구 예시로 2' }),
      await order('MIK-E-0002', 'receiver-E2'),
    ]) {
      expect(body.errors).toBeUndefined();
    }
  });

  it('releases the decrypted customs code to the partner through the gateway', async () => {
    expect(await sellerReceiver()).toEqual({ name: receiver.name, phone: receiver.phone, address: receiver.address, customsCode: receiver.customsCode });
  });

  it('sends a corrected customs code in the correction notice, sealed in the outbox', async () => {
    const body = await shop(APPLY_CORRECTION, { shopSubjectId: 'receiver-E1', values: { customsCode: NEW_CODE } });
    expect(body.errors).toBeUndefined();
    const [notice] = await suite.db.orm.em.fork().find(Notice, { type: 'subject-corrected' });
    expect(JSON.stringify(notice!.payload)).not.toContain(NEW_CODE);
    expect(noticePayload(suite.db.keyring, notice!)['values']).toEqual({ customsCode: NEW_CODE });
    expect((await sellerReceiver()).customsCode).toBe(NEW_CODE);
  });

  it('fails closed on a ciphertext copied into another subject’s row: the request fails whole, nothing is released', async () => {
    await suite.db.orm.em
      .fork()
      .getConnection()
      .execute(
        `update subjects set customs_code = (select customs_code from subjects where shop_subject_id = 'receiver-E1')
         where shop_subject_id = 'receiver-E2'`,
      );
    // An unexpected error fails the request whole (README, "Errors"): not even the other rows leave.
    const body = await sellerOrders();
    expect(body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(JSON.stringify(body)).not.toContain('오세훈');
  });

  it('leaves no plaintext of a unique identifier in a dump of the database, which does hold the other values', async () => {
    const connection = suite.db.orm.em.fork().getConnection();
    const { text, tool } = await dumpOf(suite.db.url, (sql) => connection.execute(sql, [], 'all'));
    // The control: the same dump shows values that are not encrypted, so the search below can fail.
    expect({ tool, name: text.includes(receiver.name), address: text.includes(receiver.address) }).toEqual({ tool, name: true, address: true });
    const found = [receiver.customsCode, NEW_CODE, receiver.ci, receiver.di, ...SEEDED].filter((value) => text.includes(value));
    expect(found).toEqual([]);
  });
});
