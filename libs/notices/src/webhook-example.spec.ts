import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOTICE_ID_HEADER, signNotice } from './notice-signature.js';

// The README's verification example is what partners copy; it must agree with what we sign.
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const SECRET = 'Qm9ndXMtc2VjcmV0LWZvci10ZXN0cw';
const ID = '3f0c9a52-8d1e-4b7a-9a57-1c2d3e4f5a6b';
const BODY = JSON.stringify({ id: ID, type: 'window-closed', partner: { code: 'hanbok-house' }, createdAt: '2026-11-22T03:00:00.000Z', payload: {} });
const SIGNED_AT = 1_795_000_000;

interface Case {
  headers: Record<string, string>;
  body: string;
  now: number;
}

function readmeExample(): string {
  const blocks = [...readFileSync(README, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const example = blocks.find((block) => block.includes('export function verifyNotice'));
  if (!example) throw new Error('README.md has no ```js block exporting verifyNotice');
  return example;
}

/** Runs the example in a plain Node process, as a partner would, on each case; returns the ids it accepted (or null). */
function runExample(cases: Case[]): (string | null)[] {
  const dir = mkdtempSync(join(tmpdir(), 'notice-example-'));
  try {
    writeFileSync(join(dir, 'verify.mjs'), readmeExample());
    writeFileSync(
      join(dir, 'run.mjs'),
      `import { verifyNotice } from './verify.mjs';
       const cases = JSON.parse(process.argv[2]);
       const results = cases.map((c) => verifyNotice(${JSON.stringify(SECRET)}, c.headers, Buffer.from(c.body), c.now)?.id ?? null);
       process.stdout.write(JSON.stringify(results));`,
    );
    const output = execFileSync(process.execPath, [join(dir, 'run.mjs'), JSON.stringify(cases)], { encoding: 'utf8' });
    return JSON.parse(output) as (string | null)[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function headers(body = BODY, timestamp = SIGNED_AT, id = ID): Record<string, string> {
  const signed = Object.entries(signNotice(SECRET, timestamp, body)).map(([name, value]) => [name.toLowerCase(), value]);
  return { ...Object.fromEntries(signed), [NOTICE_ID_HEADER.toLowerCase()]: id };
}

describe('the README webhook example', () => {
  it('accepts what signNotice signs and refuses replays, tampering and swapped ids', () => {
    const results = runExample([
      { headers: headers(), body: BODY, now: SIGNED_AT + 60 },
      { headers: headers(), body: BODY, now: SIGNED_AT + 301 },
      { headers: headers(), body: BODY, now: SIGNED_AT - 301 },
      { headers: headers(), body: BODY.replace('window-closed', 'subject-corrected'), now: SIGNED_AT },
      { headers: { ...headers(), 'x-provision-timestamp': String(SIGNED_AT + 600) }, body: BODY, now: SIGNED_AT + 600 },
      { headers: headers(BODY, SIGNED_AT, '00000000-0000-4000-8000-000000000000'), body: BODY, now: SIGNED_AT },
    ]);
    expect(results).toEqual([ID, null, null, null, null, null]);
  });
});
