import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { signStandardWebhook, standardWebhookSecret, WEBHOOK_SIGNATURE_HEADER } from './notice-signature.js';

// docs/partners.md's verification examples are what partners copy: each runs here, in its own
// runtime, against what the gateway signs.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GUIDE = readFileSync(join(ROOT, 'docs/partners.md'), 'utf8');
const SECRET = 'Qm9ndXMtc2VjcmV0LWZvci10ZXN0cw';
const OLD_SECRET = 'T2xkLXNlY3JldC1yb3RhdGVkLW91dA';
const ID = '3f0c9a52-8d1e-4b7a-9a57-1c2d3e4f5a6b';
const BODY = JSON.stringify({ id: ID, type: 'window-closed', partner: { code: 'hanbok-house' }, createdAt: '2026-11-22T03:00:00.000Z', payload: {} });

function example(language: string, marker: string): string {
  const block = [...GUIDE.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1] ?? '').find((text) => text.includes(marker));
  if (block === undefined) throw new Error(`docs/partners.md has no \`\`\`${language} block with ${marker}`);
  return block;
}

interface Case {
  headers: Record<string, string>;
  body: string;
  now: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Accepted, then refused: replay, tampered body, swapped id, foreign secret; and a rotation's two signatures. */
function cases(now: number): { cases: Case[]; expected: boolean[] } {
  const signed = (secrets: string[], at = now, body = BODY) => signStandardWebhook(secrets, ID, at, body) as unknown as Record<string, string>;
  return {
    cases: [
      { headers: signed([SECRET]), body: BODY, now },
      { headers: signed([SECRET], now - 301), body: BODY, now },
      { headers: signed([SECRET]), body: BODY.replace('window-closed', 'subject-corrected'), now },
      { headers: { ...signed([SECRET]), 'webhook-id': '00000000-0000-4000-8000-000000000000' }, body: BODY, now },
      { headers: signed(['someone-else']), body: BODY, now },
      { headers: signed([OLD_SECRET, SECRET]), body: BODY, now },
      { headers: signed([SECRET, OLD_SECRET]), body: BODY, now },
    ],
    expected: [true, false, false, false, false, true, true],
  };
}

describe('Standard Webhooks signing', () => {
  it('is HMAC-SHA256 over "<id>.<timestamp>.<body>" in base64, keyed with the secret\'s text', () => {
    const headers = signStandardWebhook([SECRET], ID, 1_795_000_000, BODY);
    const mac = createHmac('sha256', SECRET).update(`${ID}.1795000000.${BODY}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': ID, 'webhook-timestamp': '1795000000', 'webhook-signature': `v1,${mac}` });
  });

  it('matches the specification\'s test vector through the library it signs with', () => {
    // standard-webhooks/libraries, javascript/src/index.test.ts
    const webhook = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(webhook.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1_614_265_330_000), '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('signs twice during a rotation, and the library verifies either secret', () => {
    const headers = signStandardWebhook([SECRET, OLD_SECRET], ID, nowSeconds(), BODY);
    expect(headers[WEBHOOK_SIGNATURE_HEADER].split(' ')).toHaveLength(2);
    for (const secret of [SECRET, OLD_SECRET]) expect(new Webhook(standardWebhookSecret(secret)).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
  });
});

describe('docs/partners.md verification examples', () => {
  const signingSecret = standardWebhookSecret(SECRET);

  it('Node (standardwebhooks)', () => {
    // Under node_modules/.cache so the example's `import 'standardwebhooks'` resolves as in a partner's project.
    mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/webhook-example-'));
    try {
      const { cases: list, expected } = cases(nowSeconds());
      writeFileSync(join(dir, 'verify-notice.mjs'), example('js', 'export function verifyNotice'));
      writeFileSync(
        join(dir, 'run.mjs'),
        `import { verifyNotice } from './verify-notice.mjs';
         const cases = JSON.parse(process.argv[2]);
         process.stdout.write(JSON.stringify(cases.map((c) => verifyNotice(${JSON.stringify(signingSecret)}, c.headers, Buffer.from(c.body))?.id === ${JSON.stringify(ID)})));`,
      );
      const output = execFileSync(process.execPath, [join(dir, 'run.mjs'), JSON.stringify(list)], { encoding: 'utf8' });
      expect(JSON.parse(output)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Python (standard library)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-example-'));
    try {
      const { cases: list, expected } = cases(1_795_000_000);
      writeFileSync(join(dir, 'verify_notice.py'), example('python', 'def verify_notice'));
      writeFileSync(
        join(dir, 'run.py'),
        `import json, sys
from verify_notice import verify_notice
cases = json.loads(sys.argv[1])
print(json.dumps([(verify_notice(${JSON.stringify(signingSecret)}, c["headers"], c["body"].encode(), c["now"]) or {}).get("id") == ${JSON.stringify(ID)} for c in cases]))`,
      );
      const output = execFileSync('python3', [join(dir, 'run.py'), JSON.stringify(list)], { encoding: 'utf8', cwd: dir });
      expect(JSON.parse(output)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Java (standard library)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-example-'));
    try {
      const { cases: list, expected } = cases(1_795_000_000);
      writeFileSync(join(dir, 'NoticeVerifier.java'), example('java', 'class NoticeVerifier'));
      // The example checks the signature; the body's id is checked as its comment says, by the caller.
      writeFileSync(
        join(dir, 'RunCases.java'),
        `import java.nio.charset.StandardCharsets;
public final class RunCases {
  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 4 < args.length; i += 5) {
      byte[] body = args[i + 3].getBytes(StandardCharsets.UTF_8);
      boolean ok = NoticeVerifier.verify(${JSON.stringify(signingSecret)}, args[i], args[i + 1], args[i + 2], body, Long.parseLong(args[i + 4]))
          && args[i + 3].contains("\\"id\\":\\"" + args[i] + "\\"");
      out.append(ok).append(' ');
    }
    System.out.print(out.toString().trim());
  }
}`,
      );
      execFileSync('javac', ['-d', dir, join(dir, 'NoticeVerifier.java'), join(dir, 'RunCases.java')]);
      const args = list.flatMap((c) => [c.headers['webhook-id']!, c.headers['webhook-timestamp']!, c.headers['webhook-signature']!, c.body, String(c.now)]);
      const output = execFileSync('java', ['-cp', dir, 'RunCases', ...args], { encoding: 'utf8' });
      expect(output.split(' ').map((value) => value === 'true')).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
