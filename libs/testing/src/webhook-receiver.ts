import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How {@link startWebhookReceiver} behaves. */
export interface WebhookReceiverOptions {
  /** The partner's webhook secret. */
  secret: string;
  /** The receiver's clock for the replay window; the system clock unless a test pins it. */
  now?: () => Date;
  /** Largest accepted distance between the signature's timestamp and `now`; 300 s. */
  toleranceSeconds?: number;
  /** Wait this long before answering each request (to provoke timeouts). */
  delayMs?: number;
}

/** What happened to one request. */
export type WebhookVerdict =
  /** Signature good, first time this id was seen: recorded, 200. */
  | 'accepted'
  /** Signature good, id seen before: not recorded again, 200. */
  | 'duplicate'
  /** Bad, missing or stale signature: 401. */
  | 'rejected'
  /** Answered with an error on purpose ({@link WebhookReceiver.failNext}), not recorded. */
  | 'failed'
  /** Recorded, then answered 500 ({@link WebhookReceiver.loseNextAcks}): the sender must retry. */
  | 'ack-lost';

export interface WebhookRequest {
  /** The id header as sent. */
  noticeId: string | undefined;
  headers: IncomingHttpHeaders;
  rawBody: string;
  verdict: WebhookVerdict;
  status: number;
  /** Why a request was rejected. */
  reason?: string;
}

/** A notice the receiver verified and recorded, once per id. */
export interface ReceivedNotice {
  id: string;
  /** Signed timestamp, unix seconds. */
  timestamp: number;
  body: Record<string, unknown>;
  rawBody: string;
}

/** A partner's webhook on 127.0.0.1, as strict as the README tells partners to be. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/notices`; loopback http is what the deliverer allows besides https. */
  url: string;
  /** Every request, in arrival order. */
  requests: WebhookRequest[];
  /** Accepted notices, de-duplicated by the signed body's id, in order of first receipt. */
  notices: ReceivedNotice[];
  /** Answer the next `count` requests with `status` (default 503) without recording them. */
  failNext(count: number, status?: number): void;
  /** Record the next `count` good notices, then answer 500, as if the 2xx got lost on the way back. */
  loseNextAcks(count: number): void;
  /** `true`: stop listening and drop open connections (senders get ECONNREFUSED); `false`: listen again on the same port. */
  setDown(down: boolean): Promise<void>;
  /** Resolves once `count` distinct notices arrived; rejects after `timeoutMs`. */
  waitForNotices(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The check a partner runs, written independently of `@provision/notices` on purpose: these tests
 * prove the documented contract, not that the library agrees with itself.
 */
function verify(
  secret: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  now: Date,
  toleranceSeconds: number,
): { id: string; timestamp: number; body: Record<string, unknown> } | { reason: string } {
  const timestamp = single(headers['x-provision-timestamp']);
  const signatures = single(headers['x-provision-signature']);
  const idHeader = single(headers['x-provision-notice-id']);
  if (!timestamp || !signatures || !idHeader) return { reason: 'missing header' };
  if (!/^\d+$/.test(timestamp)) return { reason: 'malformed timestamp' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return { reason: 'stale timestamp' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const good = signatures.split(',').some((entry) => {
    const [scheme, hex = ''] = entry.trim().split('=');
    const given = Buffer.from(hex, 'hex');
    return scheme === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!good) return { reason: 'bad signature' };
  const body = JSON.parse(rawBody) as Record<string, unknown>;
  if (body['id'] !== idHeader) return { reason: 'id header differs from body' };
  return { id: idHeader, timestamp: Number(timestamp), body };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a stand-in for a partner's notice webhook on 127.0.0.1 and a free port: it verifies every
 * signature (HMAC-SHA256 over `"<timestamp>.<raw body>"`, 5-minute replay window), de-duplicates by
 * notice id, and can fail the next N deliveries, lose acknowledgements, answer slowly or be down.
 *
 * @example
 * const receiver = await startWebhookReceiver({ secret, now: () => clock.now() });
 * // point the partner's webhookUrl at receiver.url, deliver, then:
 * expect(receiver.notices.map((n) => n.id)).toEqual([noticeId]);
 * await receiver.stop();
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const { secret, now = () => new Date(), toleranceSeconds = 300, delayMs = 0 } = options;
  const requests: WebhookRequest[] = [];
  const notices: ReceivedNotice[] = [];
  const seen = new Set<string>();
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let lostAcks = 0;
  const waiters = new Set<() => void>();

  const answer = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const rawBody = await readBody(request);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    const base = { noticeId: single(request.headers['x-provision-notice-id']), headers: request.headers, rawBody };
    if (failures.count > 0) {
      failures.count -= 1;
      requests.push({ ...base, verdict: 'failed', status: failures.status });
      // A body the deliverer must never copy into its tables or logs.
      return answer(response, failures.status, 'upstream trouble; internal detail that must not be stored');
    }
    const checked = verify(secret, request.headers, rawBody, now(), toleranceSeconds);
    if ('reason' in checked) {
      requests.push({ ...base, verdict: 'rejected', status: 401, reason: checked.reason });
      return answer(response, 401, checked.reason);
    }
    if (seen.has(checked.id)) {
      requests.push({ ...base, verdict: 'duplicate', status: 200 });
      return answer(response, 200, 'already have it');
    }
    seen.add(checked.id);
    notices.push({ id: checked.id, timestamp: checked.timestamp, body: checked.body, rawBody });
    for (const wake of waiters) wake();
    if (lostAcks > 0) {
      lostAcks -= 1;
      requests.push({ ...base, verdict: 'ack-lost', status: 500 });
      return answer(response, 500, 'recorded, but the answer got lost');
    }
    requests.push({ ...base, verdict: 'accepted', status: 200 });
    return answer(response, 200, 'ok');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 400, 'bad request'));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      // Keep-alive sockets would otherwise keep answering while the receiver is "down".
      server.closeAllConnections();
    });

  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}/notices`,
    requests,
    notices,
    failNext(count, status = 503) {
      failures = { count, status };
    },
    loseNextAcks(count) {
      lostAcks = count;
    },
    async setDown(down) {
      if (down) await close();
      else if (!server.listening) await listen(port);
    },
    waitForNotices(count, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (notices.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`webhook receiver: ${notices.length} of ${count} notices after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: close,
  };
}
