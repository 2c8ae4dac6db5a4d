import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Standard Webhooks (standardwebhooks.com): the message id, equal to the notice id and the body's `id`; the same on every retry. */
export const WEBHOOK_ID_HEADER = 'webhook-id';
/** Standard Webhooks: unix seconds when this attempt was signed. */
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
/** Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, space-separated when several secrets sign. */
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

// The project's own scheme, kept beside Standard Webhooks for one deprecation period (docs/partners.md).
/** The notice's id, equal to `id` in the signed body; receivers de-duplicate by the body's. */
export const NOTICE_ID_HEADER = 'X-Provision-Notice-Id';
/** Unix seconds when this attempt was signed; a new value on every retry. */
export const NOTICE_TIMESTAMP_HEADER = 'X-Provision-Timestamp';
/** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`; several comma-separated values may follow a secret rotation. */
export const NOTICE_SIGNATURE_HEADER = 'X-Provision-Signature';
/** How far a timestamp may be from the receiver's clock, either way: 5 minutes. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const SCHEME = 'v1';

/** The two headers {@link signNotice} computes; the deliverer adds {@link NOTICE_ID_HEADER}. */
export interface NoticeSignatureHeaders {
  [NOTICE_TIMESTAMP_HEADER]: string;
  [NOTICE_SIGNATURE_HEADER]: string;
}

/** Why {@link verifyNoticeSignature} refused a request. */
export type NoticeSignatureFailure =
  | 'MISSING_HEADER'
  | 'MALFORMED_TIMESTAMP'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_IN_FUTURE'
  | 'BAD_SIGNATURE'
  | 'MALFORMED_BODY'
  | 'ID_MISMATCH';

/** Result of {@link verifyNoticeSignature}: the id to de-duplicate by, or why the request is refused. */
export type NoticeSignatureCheck =
  | { ok: true; noticeId: string; timestamp: number }
  | { ok: false; reason: NoticeSignatureFailure };

/** Header lookup accepted by {@link verifyNoticeSignature}: fetch's `Headers` or Node's `req.headers`. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function hmacHex(secret: string, timestamp: string, body: string | Uint8Array): string {
  // The secret is used as its UTF-8 text, exactly as the registry handed it out: no decoding step
  // for a partner to get wrong.
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function checkedTimestamp(timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('timestamp must be unix seconds');
  return String(timestamp);
}

/**
 * Signs one delivery attempt (deprecated scheme): HMAC-SHA256 with each webhook secret over
 * `"<timestamp>.<body>"`, where `body` is the exact bytes sent; one `v1=` value per secret.
 *
 * @example
 * const headers = signNotice(partner.webhookSecret, Math.floor(Date.now() / 1000), body);
 * // { 'X-Provision-Timestamp': '1795000000', 'X-Provision-Signature': 'v1=5f1c…' }
 */
export function signNotice(secrets: string | readonly string[], timestamp: number, body: string | Uint8Array): NoticeSignatureHeaders {
  const text = checkedTimestamp(timestamp);
  return {
    [NOTICE_TIMESTAMP_HEADER]: text,
    [NOTICE_SIGNATURE_HEADER]: [secrets].flat().map((secret) => `${SCHEME}=${hmacHex(secret, text, body)}`).join(','),
  };
}

/** The three Standard Webhooks headers {@link signStandardWebhook} computes. */
export interface StandardWebhookHeaders {
  [WEBHOOK_ID_HEADER]: string;
  [WEBHOOK_TIMESTAMP_HEADER]: string;
  [WEBHOOK_SIGNATURE_HEADER]: string;
}

/**
 * A registry webhook secret in the form Standard Webhooks libraries take: `whsec_` and the base64
 * of its bytes. The key is the same one the deprecated scheme uses (the secret's UTF-8 text).
 */
export function standardWebhookSecret(secret: string): string {
  return `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/**
 * Signs one delivery attempt per the Standard Webhooks specification, with the `standardwebhooks`
 * library: one `v1,…` signature per secret, space-separated — two while a rotated-out secret's
 * overlap window is open, so a receiver verifies with either.
 */
export function signStandardWebhook(secrets: readonly string[], id: string, timestamp: number, body: string): StandardWebhookHeaders {
  const text = checkedTimestamp(timestamp);
  const signedAt = new Date(timestamp * 1000);
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: text,
    [WEBHOOK_SIGNATURE_HEADER]: secrets.map((secret) => new Webhook(standardWebhookSecret(secret)).sign(id, signedAt, body)).join(' '),
  };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

function sameHex(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

function bodyId(body: string | Uint8Array): string | null {
  try {
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const parsed: unknown = JSON.parse(text);
    const id = (parsed as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * What a partner's receiver does with a notice before acting on it: recomputes the signature over
 * the raw body (constant-time compare), refuses timestamps more than `toleranceSeconds` before or
 * after `now` (replays), and checks that the id header names the body's id. On success it returns
 * the notice id to de-duplicate by — deliveries are at-least-once.
 */
export function verifyNoticeSignature(
  secret: string,
  headers: HeaderSource,
  body: string | Uint8Array,
  now: Date,
  toleranceSeconds: number = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): NoticeSignatureCheck {
  const timestampText = header(headers, NOTICE_TIMESTAMP_HEADER);
  const signatures = header(headers, NOTICE_SIGNATURE_HEADER);
  const idHeader = header(headers, NOTICE_ID_HEADER);
  if (timestampText === undefined || signatures === undefined || idHeader === undefined) {
    return { ok: false, reason: 'MISSING_HEADER' };
  }
  if (!/^\d{1,12}$/.test(timestampText)) return { ok: false, reason: 'MALFORMED_TIMESTAMP' };
  const timestamp = Number(timestampText);
  const age = Math.floor(now.getTime() / 1000) - timestamp;
  if (age > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_TOO_OLD' };
  if (age < -toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_IN_FUTURE' };

  const expected = hmacHex(secret, timestampText, body);
  const matches = signatures
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SCHEME}=`))
    .some((part) => sameHex(expected, part.slice(SCHEME.length + 1)));
  if (!matches) return { ok: false, reason: 'BAD_SIGNATURE' };

  const id = bodyId(body);
  if (id === null) return { ok: false, reason: 'MALFORMED_BODY' };
  if (id !== idHeader) return { ok: false, reason: 'ID_MISMATCH' };
  return { ok: true, noticeId: id, timestamp };
}
