// The reference server of the partner-page benchmark (tools/bench/partner-page.ts): what a bare
// Node server needs to answer the seller page — node:http, pg and jose, nothing else of ours but
// the token verifier (a thin wrapper over jose's jwtVerify, so the token is checked exactly as the
// gateway checks it). One SELECT for the caller's registration and the page, one multi-row INSERT
// into a scratch ledger table, and the same JSON bytes the gateway answers. It makes no decision:
// it is the floor the gateway's policy is measured against, never a way to serve partners.
//
// Started by the benchmark as a child process; configured by PORT, DATABASE_URL, AUTH_ISSUER,
// AUTH_AUDIENCE and AUTH_JWKS_FILE. Answers POST /graphql with `variables.first`, and GET /healthz.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTokenVerifier } from '@provision/auth';
import { systemClock } from '@provision/util';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
// A session ended by the server (the benchmark ends them to read its counters) is replaced, not fatal.
pool.on('error', () => undefined);
const verifier = createTokenVerifier({
  issuer: env('AUTH_ISSUER'),
  audience: env('AUTH_AUDIENCE'),
  jwksFile: env('AUTH_JWKS_FILE'),
  clock: systemClock,
});

// The caller's registration (known, not revoked, partner ACTIVE now) and its newest orders with
// the receiver's name, contact (mobile, else landline) and address.
const PAGE_SQL = `
with caller as (
  select c.partner_id from clients c
  where c.client_id = $1 and c.revoked_at is null and c.partner_id is not null
    and (select s.status from partner_status_changes s
         where s.partner_id = c.partner_id and s.effective_at <= now()
         order by s.effective_at desc, s.recorded_at desc limit 1) = 'ACTIVE'
)
select caller.partner_id, o.id, o.shop_order_id, o.receiver_id, r.name, coalesce(r.mobile, r.phone) as phone, r.address
from caller
join orders o on o.seller_id = caller.partner_id or o.customs_broker_id = caller.partner_id
join subjects r on r.id = o.receiver_id
order by o.ordered_at desc, o.id desc
limit $2`;

const LEDGER_SQL = `
insert into bench_reference_ledger (occurred_at, partner_id, client_id, token_id, purpose, subject_id, order_id, items_released, request_id)
select now(), $1, $2, $3, 'order.delivery', s, o, '{receiver.address,receiver.name,receiver.phone}', $4
from unnest($5::uuid[], $6::uuid[]) as u(s, o)`;

interface PageRow {
  partner_id: string;
  id: string;
  shop_order_id: string;
  receiver_id: string;
  name: string | null;
  phone: string | null;
  address: string | null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'Not found' }] });
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const first = (JSON.parse(await readBody(req)) as { variables?: { first?: unknown } }).variables?.first;
  if (bearer === undefined || typeof first !== 'number') return send(res, 400, { errors: [{ message: 'Bad request' }] });
  const claims = await verifier.verify(bearer).catch(() => null);
  if (claims === null) return send(res, 401, { errors: [{ message: 'Unauthenticated' }] });
  const { rows } = await pool.query<PageRow>(PAGE_SQL, [claims.clientId, first]);
  if (rows.length > 0) {
    await pool.query(LEDGER_SQL, [
      rows[0].partner_id,
      claims.clientId,
      claims.tokenId,
      randomUUID(),
      rows.map((row) => row.receiver_id),
      rows.map((row) => row.id),
    ]);
  }
  const nodes = rows.map((row) => ({ shopOrderId: row.shop_order_id, receiver: { name: row.name, phone: row.phone, address: row.address } }));
  send(res, 200, { data: { orders: { nodes } } });
}

const server = createServer((req, res) => {
  answer(req, res).catch(() => send(res, 500, { errors: [{ message: 'Internal server error' }] }));
});
server.listen(Number(env('PORT')), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end()));
