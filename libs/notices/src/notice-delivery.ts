import type { MikroORM } from '@mikro-orm/postgresql';
import { DecryptionError, type Keyring } from '@provision/crypto';
import { openWebhookSecret, PREVIOUS_WEBHOOK_SECRET_COLUMN, type NoticeState } from '@provision/db';
import type { NoticeType } from '@provision/domain';
import type { Clock } from '@provision/util';
import { NOTICE_ID_HEADER, type NoticeSignatureHeaders, signNotice, signStandardWebhook, type StandardWebhookHeaders } from './notice-signature.js';
import { noticePayload } from './outbox.js';
import { retryDelayMs } from './retry-backoff.js';

/** Defaults of {@link deliverDueNotices}; the worker overrides `maxAttempts` from NOTICE_MAX_ATTEMPTS. */
export const DELIVERY_DEFAULTS = {
  /** Attempts before a notice is DEAD (the dead letter admins see). */
  maxAttempts: 8,
  /** Ceiling of the first wait; it doubles per failure (1, 2, 4 … minutes). */
  baseDelayMs: 60_000,
  /** Longest ceiling of one wait. */
  maxDelayMs: 3_600_000,
  /** Notices claimed per call. */
  batchSize: 100,
  /** Requests in flight at once within a call. */
  concurrency: 10,
  /** Per request, connect to last byte of the status line. */
  timeoutMs: 10_000,
} as const;

/** What {@link deliverDueNotices} needs; everything but `orm` and `clock` has a default. */
export interface DeliveryOptions {
  orm: MikroORM;
  /** The time of claims, signatures, backoff and `deliveredAt`. */
  clock: Clock;
  /** Opens webhook secrets and the personal values of notices, just before sending. */
  keyring: Keyring;
  /** Defaults to the global fetch; tests may wrap it. */
  fetch?: typeof fetch;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  batchSize?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** Source of jitter, [0, 1); `Math.random` unless a test pins it. */
  random?: () => number;
  /**
   * Once aborted (the worker is stopping), no further request starts: requests in flight finish
   * (at most `timeoutMs`), and claimed notices not yet tried are released, due at once, their
   * attempt not counted.
   */
  signal?: AbortSignal;
}

/** The JSON every delivery carries; `id` is the same on every retry, for de-duplication. */
export interface NoticeBody {
  id: string;
  type: NoticeType;
  partner: { code: string };
  /** ISO 8601; deliveries may arrive out of order, this orders them. */
  createdAt: string;
  payload: Record<string, unknown>;
}

/** What one attempt at one notice came to. */
export interface DeliveryOutcome {
  noticeId: string;
  partnerCode: string;
  type: NoticeType;
  /** 1 for the first attempt. */
  attempt: number;
  status: NoticeState;
  /** Status code or error class of a failed attempt; null when delivered. */
  error: string | null;
  /** When the next attempt is due; null once DELIVERED or DEAD. */
  nextAttemptAt: Date | null;
}

/** Summary of one {@link deliverDueNotices} call. */
export interface DeliveryReport {
  /** Notices this call took (at most `batchSize`); fewer means nothing else was due. */
  claimed: number;
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  dead: number;
  /** Claimed but not tried because `signal` was aborted; released for the next call. */
  released: number;
  /**
   * Outcomes not recorded because the claim had lapsed and another deliverer had already re-claimed
   * the notice (only when one batch outlives its lease); that deliverer's outcome stands.
   */
  stale: number;
  outcomes: DeliveryOutcome[];
}

// Errors that no retry can fix: the notice goes DEAD at once with one of these as lastError.
/** The partner has no webhook URL. */
export const NO_WEBHOOK = 'no webhook configured';
/** The partner has a webhook URL but no secret to sign with. */
export const NO_WEBHOOK_SECRET = 'no webhook secret configured';
/** The URL is neither https nor http to a loopback host. */
export const WEBHOOK_URL_NOT_ALLOWED = 'webhook URL must be https (http only to loopback)';
/** The webhook secret or the notice's personal values do not open with the keyring; retried. */
export const SEALED_VALUE_UNREADABLE = 'sealed value does not open with the keyring';

const USER_AGENT = 'provision-gateway-notices/1';

interface ClaimedRow {
  id: string;
  type: NoticeType;
  payload: Record<string, unknown>;
  sealed_payload: string | null;
  /** ISO 8601 in UTC with milliseconds, formatted by the database (raw rows do not parse timestamps). */
  created_at: string;
  attempts: number;
  partner_id: string;
  partner_code: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  /** The rotated-out secret while its overlap window is open at claim time, else null. */
  webhook_secret_previous: string | null;
}

// One statement claims a batch: rows another deliverer is claiming are skipped, not waited for, and
// pushing next_attempt_at to the lease's end hides the claimed rows from every later claim until
// the lease lapses — which only happens if this deliverer dies mid-batch, and then the notice is
// simply delivered again (at-least-once). The attempt is counted at claim time, so a notice whose
// delivery crashes the deliverer still reaches DEAD instead of looping forever.
const CLAIM_SQL = `
with due as (
  select id from notices
  where status = 'PENDING' and next_attempt_at <= ?
  order by next_attempt_at, id
  limit ?
  for update skip locked
), claimed as (
  update notices n set attempts = n.attempts + 1, next_attempt_at = ?
  from due where n.id = due.id
  returning n.id, n.type, n.payload, n.sealed_payload, n.created_at, n.attempts, n.partner_id
)
select c.id, c.type, c.payload, c.sealed_payload, c.attempts, c.partner_id,
       to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
       p.code as partner_code, p.webhook_url, p.webhook_secret,
       case when p.webhook_secret_previous_until > ? then p.webhook_secret_previous end as webhook_secret_previous
from claimed c join partners p on p.id = c.partner_id
order by c.created_at, c.id`;

// Outcomes of a batch in one statement. `attempts = r.attempts` fences a lapsed claim: if another
// deliverer re-claimed the notice meanwhile its attempts moved on and this row is left alone.
// For DELIVERED and DEAD, next_attempt_at keeps the time of the last attempt. A released notice
// (never tried) gets its attempt back and keeps its last error.
const RECORD_SQL = `
update notices n
set status = r.status,
    delivered_at = r.delivered_at,
    next_attempt_at = r.next_attempt_at,
    attempts = case when r.released then n.attempts - 1 else n.attempts end,
    last_error = case when r.released then n.last_error else r.last_error end
from jsonb_to_recordset(?::jsonb) as r(id uuid, attempts int, status text, delivered_at timestamptz,
                                       next_attempt_at timestamptz, last_error text, released boolean)
where n.id = r.id and n.attempts = r.attempts and n.status = 'PENDING'
returning n.id`;

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Why a webhook cannot be called at all, or null when it can. */
function unusableWebhook(row: ClaimedRow): string | null {
  if (!row.webhook_url) return NO_WEBHOOK;
  if (!row.webhook_secret) return NO_WEBHOOK_SECRET;
  let url: URL;
  try {
    url = new URL(row.webhook_url);
  } catch {
    return WEBHOOK_URL_NOT_ALLOWED;
  }
  // Notices carry personal data (corrections carry new values): never in clear text off this host.
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) return null;
  return WEBHOOK_URL_NOT_ALLOWED;
}

/** The error class of a failed request: never a message or a response body, which may hold anything. */
function transportError(err: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (test runners), where instanceof fails.
  const { name, cause } = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; cause?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  return typeof name === 'string' && /^\w+$/.test(name) ? name : 'unknown error';
}

/** The body of a delivery, serialized once per attempt and signed byte for byte. */
function noticeBody(row: ClaimedRow, keyring: Keyring): string {
  const body: NoticeBody = {
    id: row.id,
    type: row.type,
    partner: { code: row.partner_code },
    createdAt: row.created_at,
    payload: noticePayload(keyring, { id: row.id, payload: row.payload, sealedPayload: row.sealed_payload }),
  };
  return JSON.stringify(body);
}

/**
 * The signed request of one attempt, or null when a sealed part does not open: a keyring missing
 * the key it was sealed with, which an operator can fix, so the attempt fails and is retried.
 */
function signedRequest(row: ClaimedRow, settings: Settings): { body: string; headers: NoticeSignatureHeaders & StandardWebhookHeaders } | null {
  try {
    const body = noticeBody(row, settings.keyring);
    // During a rotation's overlap both secrets sign, the new one first (docs/partners.md).
    const secrets = [openWebhookSecret(settings.keyring, row.partner_id, row.webhook_secret as string)];
    if (row.webhook_secret_previous !== null) {
      secrets.push(openWebhookSecret(settings.keyring, row.partner_id, row.webhook_secret_previous, PREVIOUS_WEBHOOK_SECRET_COLUMN));
    }
    const timestamp = Math.floor(settings.clock.now().getTime() / 1000);
    // Standard Webhooks, and the project's own headers for one deprecation period (docs/partners.md).
    return { body, headers: { ...signStandardWebhook(secrets, row.id, timestamp, body), ...signNotice(secrets, timestamp, body) } };
  } catch (err) {
    if (err instanceof DecryptionError) return null;
    throw err;
  }
}

type Settings = Required<Omit<DeliveryOptions, 'orm' | 'signal'>>;

/** POSTs one notice; resolves to null when delivered, else to the error to record. */
async function post(row: ClaimedRow, settings: Settings): Promise<string | null> {
  const unusable = unusableWebhook(row);
  if (unusable !== null) return unusable;
  const signed = signedRequest(row, settings);
  if (signed === null) return SEALED_VALUE_UNREADABLE;
  const { body } = signed;
  try {
    const response = await settings.fetch(row.webhook_url as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [NOTICE_ID_HEADER]: row.id,
        ...signed.headers,
      },
      body,
      // A redirect would resend the signed personal data somewhere the partner did not register.
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    // The body is never read: it could be anything, and must not reach our tables or logs.
    await response.body?.cancel().catch(() => undefined);
    return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
  } catch (err) {
    return transportError(err);
  }
}

/** Runs `task` over `items`, `limit` at a time; items not started when `signal` aborts stay `undefined`. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  task: (item: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function outcomeOf(row: ClaimedRow, error: string | null, settings: Settings): DeliveryOutcome {
  const base = { noticeId: row.id, partnerCode: row.partner_code, type: row.type, attempt: row.attempts };
  if (error === null) return { ...base, status: 'DELIVERED', error: null, nextAttemptAt: null };
  const hopeless = error === NO_WEBHOOK || error === NO_WEBHOOK_SECRET || error === WEBHOOK_URL_NOT_ALLOWED;
  if (hopeless || row.attempts >= settings.maxAttempts) return { ...base, status: 'DEAD', error, nextAttemptAt: null };
  const delay = retryDelayMs(row.attempts, settings, settings.random);
  return { ...base, status: 'PENDING', error, nextAttemptAt: new Date(settings.clock.now().getTime() + delay) };
}

function settingsOf(options: DeliveryOptions): Settings {
  const settings: Settings = {
    clock: options.clock,
    keyring: options.keyring,
    fetch: options.fetch ?? globalThis.fetch,
    maxAttempts: options.maxAttempts ?? DELIVERY_DEFAULTS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DELIVERY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DELIVERY_DEFAULTS.maxDelayMs,
    batchSize: options.batchSize ?? DELIVERY_DEFAULTS.batchSize,
    concurrency: options.concurrency ?? DELIVERY_DEFAULTS.concurrency,
    timeoutMs: options.timeoutMs ?? DELIVERY_DEFAULTS.timeoutMs,
    random: options.random ?? Math.random,
  };
  for (const key of ['maxAttempts', 'batchSize', 'concurrency', 'timeoutMs'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 1) throw new RangeError(`${key} must be a positive integer`);
  }
  if (!(settings.baseDelayMs >= 0 && settings.maxDelayMs >= settings.baseDelayMs)) {
    throw new RangeError('delays must satisfy 0 <= baseDelayMs <= maxDelayMs');
  }
  return settings;
}

/**
 * Delivers one batch of due notices from the outbox: claims up to `batchSize` PENDING notices whose
 * `nextAttemptAt` has come (`FOR UPDATE SKIP LOCKED`, so concurrent callers — several worker
 * replicas — take disjoint batches), POSTs each to its partner's webhook, signed, and records every
 * outcome in one statement:
 *
 * - 2xx → DELIVERED with `deliveredAt`;
 * - anything else (status, timeout, connection error) → `attempts` + 1, `lastError` = the status
 *   code or error class (never a response body), next attempt after exponential backoff with full
 *   jitter, or DEAD once `maxAttempts` attempts failed;
 * - no webhook URL or secret, or a URL that is neither https nor loopback http → DEAD at once with
 *   that reason: no retry can fix configuration, and admins see dead notices immediately.
 *
 * Delivery is at-least-once: a lost 2xx, or a deliverer dying mid-batch (its claim lapses after
 * `timeoutMs × ⌈batchSize / concurrency⌉ + 60 s`), sends the same notice id again. Call it again
 * while `claimed === batchSize` to drain a backlog; abort `signal` to stop early without losing
 * claims. Logs nothing; payloads go only to the webhook.
 */
export async function deliverDueNotices(options: DeliveryOptions): Promise<DeliveryReport> {
  const settings = settingsOf(options);
  if (options.signal?.aborted) return { claimed: 0, delivered: 0, retrying: 0, dead: 0, released: 0, stale: 0, outcomes: [] };
  const connection = options.orm.em.fork().getConnection();
  const now = settings.clock.now();
  const leaseMs = settings.timeoutMs * Math.ceil(settings.batchSize / settings.concurrency) + 60_000;
  const claimed = await connection.execute<ClaimedRow[]>(
    CLAIM_SQL,
    [now, settings.batchSize, new Date(now.getTime() + leaseMs), now],
    'all',
  );
  if (claimed.length === 0) return { claimed: 0, delivered: 0, retrying: 0, dead: 0, released: 0, stale: 0, outcomes: [] };

  const attempted = await mapLimited(claimed, settings.concurrency, options.signal, async (row) => {
    const error = await post(row, settings);
    const attemptedAt = settings.clock.now();
    return { outcome: outcomeOf(row, error, settings), attemptedAt };
  });

  const releasedAt = settings.clock.now().toISOString();
  const records = claimed.map((row, index) => {
    const done = attempted[index];
    if (done === undefined) {
      return { id: row.id, attempts: row.attempts, status: 'PENDING', delivered_at: null, next_attempt_at: releasedAt, last_error: null, released: true };
    }
    const { outcome, attemptedAt } = done;
    return {
      id: row.id,
      attempts: row.attempts,
      status: outcome.status,
      delivered_at: outcome.status === 'DELIVERED' ? attemptedAt.toISOString() : null,
      next_attempt_at: (outcome.nextAttemptAt ?? attemptedAt).toISOString(),
      last_error: outcome.error,
      released: false,
    };
  });
  const recorded = await connection.execute<{ id: string }[]>(RECORD_SQL, [JSON.stringify(records)], 'all');

  const outcomes = attempted.flatMap((done) => (done === undefined ? [] : [done.outcome]));
  const count = (status: NoticeState) => outcomes.filter((outcome) => outcome.status === status).length;
  return {
    claimed: claimed.length,
    delivered: count('DELIVERED'),
    retrying: count('PENDING'),
    dead: count('DEAD'),
    released: claimed.length - outcomes.length,
    stale: claimed.length - recorded.length,
    outcomes,
  };
}
