import {
  NOTICE_ID_HEADER,
  NOTICE_SIGNATURE_HEADER,
  NOTICE_TIMESTAMP_HEADER,
  signNotice,
  verifyNoticeSignature,
} from './notice-signature.js';

const SECRET = 'test-secret-0123456789';
const ID = '7c1f6f3e-0000-4000-8000-000000000001';
const BODY = `{"id":"${ID}","type":"window-closed"}`;
const SIGNED_AT = 1_795_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

/** Headers as a receiver sees them (Node lower-cases names). */
function received(body = BODY, timestamp = SIGNED_AT, secret = SECRET, id = ID): Record<string, string> {
  const signed = signNotice(secret, timestamp, body);
  return {
    [NOTICE_ID_HEADER.toLowerCase()]: id,
    [NOTICE_TIMESTAMP_HEADER.toLowerCase()]: signed[NOTICE_TIMESTAMP_HEADER],
    [NOTICE_SIGNATURE_HEADER.toLowerCase()]: signed[NOTICE_SIGNATURE_HEADER],
  };
}

describe('signNotice', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, as openssl computes it', () => {
    // printf '%s' '1795000000.<body>' | openssl dgst -sha256 -hmac 'test-secret-0123456789'
    expect(signNotice(SECRET, SIGNED_AT, BODY)).toEqual({
      'X-Provision-Timestamp': '1795000000',
      'X-Provision-Signature': 'v1=d7af151bf20c3ba159b1af570aac599d149c6473d58e47da5f53fda1c9ce4ffd',
    });
  });

  it('signs bytes and text alike', () => {
    expect(signNotice(SECRET, SIGNED_AT, Buffer.from(BODY))).toEqual(signNotice(SECRET, SIGNED_AT, BODY));
  });

  it('refuses a timestamp in milliseconds or with a fraction', () => {
    expect(() => signNotice(SECRET, 1.5, BODY)).toThrow(RangeError);
    expect(() => signNotice(SECRET, -1, BODY)).toThrow(RangeError);
  });
});

describe('verifyNoticeSignature', () => {
  it('accepts a fresh, intact notice and names the id to de-duplicate by', () => {
    expect(verifyNoticeSignature(SECRET, received(), BODY, at(SIGNED_AT + 10))).toEqual({
      ok: true,
      noticeId: ID,
      timestamp: SIGNED_AT,
    });
  });

  it('reads fetch Headers and header names in any case', () => {
    const signed = signNotice(SECRET, SIGNED_AT, BODY);
    const headers = new Headers({ ...signed, [NOTICE_ID_HEADER]: ID });
    expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT)).ok).toBe(true);
    expect(verifyNoticeSignature(SECRET, { ...signed, [NOTICE_ID_HEADER]: ID }, BODY, at(SIGNED_AT)).ok).toBe(true);
  });

  it('accepts up to five minutes of age or clock skew, and not a second more', () => {
    expect(verifyNoticeSignature(SECRET, received(), BODY, at(SIGNED_AT + 300)).ok).toBe(true);
    expect(verifyNoticeSignature(SECRET, received(), BODY, at(SIGNED_AT - 300)).ok).toBe(true);
    expect(verifyNoticeSignature(SECRET, received(), BODY, at(SIGNED_AT + 301))).toEqual({ ok: false, reason: 'TIMESTAMP_TOO_OLD' });
    expect(verifyNoticeSignature(SECRET, received(), BODY, at(SIGNED_AT - 301))).toEqual({ ok: false, reason: 'TIMESTAMP_IN_FUTURE' });
    expect(verifyNoticeSignature(SECRET, received(), BODY, at(SIGNED_AT + 3600), 7200).ok).toBe(true);
  });

  it('refuses a replay whose timestamp was rewritten to look fresh', () => {
    const headers = { ...received(), 'x-provision-timestamp': String(SIGNED_AT + 600) };
    expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT + 600))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses a changed body, another secret and a malformed signature', () => {
    const tampered = BODY.replace('window-closed', 'consent-withdrawn');
    expect(verifyNoticeSignature(SECRET, received(), tampered, at(SIGNED_AT))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyNoticeSignature('another-secret', received(), BODY, at(SIGNED_AT))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    for (const signature of ['v1=', 'v1=zz', 'v0=' + 'a'.repeat(64), 'd7af151bf20c3ba159b1af570aac599d149c6473d58e47da5f53fda1c9ce4ffd']) {
      const headers = { ...received(), 'x-provision-signature': signature };
      expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    }
  });

  it('accepts any one matching v1 signature of several (secret rotation)', () => {
    const good = received()['x-provision-signature'];
    const headers = { ...received(), 'x-provision-signature': `v1=${'0'.repeat(64)}, ${good}` };
    expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT)).ok).toBe(true);
  });

  it('refuses missing headers and a timestamp that is not unix seconds', () => {
    for (const missing of ['x-provision-signature', 'x-provision-timestamp', 'x-provision-notice-id']) {
      const headers = Object.fromEntries(Object.entries(received()).filter(([name]) => name !== missing));
      expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT))).toEqual({ ok: false, reason: 'MISSING_HEADER' });
    }
    for (const timestamp of ['', '1795000000.5', '-1795000000', '2026-11-22T00:00:00Z']) {
      const headers = { ...received(), 'x-provision-timestamp': timestamp };
      expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT))).toEqual({ ok: false, reason: 'MALFORMED_TIMESTAMP' });
    }
  });

  it('refuses an id header that is not the signed body id, so de-duplication cannot be dodged', () => {
    const headers = received(BODY, SIGNED_AT, SECRET, '7c1f6f3e-0000-4000-8000-000000000002');
    expect(verifyNoticeSignature(SECRET, headers, BODY, at(SIGNED_AT))).toEqual({ ok: false, reason: 'ID_MISMATCH' });
    const notJson = 'not json';
    expect(verifyNoticeSignature(SECRET, received(notJson), notJson, at(SIGNED_AT))).toEqual({ ok: false, reason: 'MALFORMED_BODY' });
  });
});
