import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_CLIENT_IDS } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';

// docs/partners.md's client snippets, each run as a partner runs it: a plain Node process with the
// client library, against the live gateway.
const NOW = '2026-03-01T03:00:00Z';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GUIDE = readFileSync(join(ROOT, 'docs/partners.md'), 'utf8');
// The seller may receive receiver items for order.delivery; its token has no pii:email.
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address'];
const QUERY = `query Orders($purpose: String!) @purpose(code: $purpose) {
  orders(first: 1) { nodes { id shopOrderId receiver { name } buyer { email } } }
}`;
const run = promisify(execFile);

function snippet(file: string): string {
  const block = [...GUIDE.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').find((text) => text.startsWith(`// ${file}\n`));
  if (block === undefined) throw new Error(`docs/partners.md has no \`\`\`js block starting with // ${file}`);
  return block;
}

interface Outcome {
  name: string | null | undefined;
  reasons: string[];
}

describe('docs/partners.md client snippets against the live gateway', () => {
  const suite = useSeededGateway(NOW);

  /** Runs the snippet's client over QUERY for order.delivery, then service.gift-voucher; `patch` alters the client first. */
  async function outcomes(file: string, patch = ''): Promise<Outcome[]> {
    // Under node_modules/.cache so the snippet's imports resolve as in a partner's project.
    mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/client-snippet-'));
    try {
      writeFileSync(join(dir, file), snippet(file));
      writeFileSync(
        join(dir, 'main.mjs'),
        `import { parse } from 'graphql';
         import { partnerClient, run } from './${file}';
         const [url, token, query] = process.argv.slice(2);
         const client = partnerClient(url, token);
         ${patch}
         const outcomes = [];
         for (const purpose of ['order.delivery', 'service.gift-voucher']) {
           const { data, errors } = await run(client, parse(query), { purpose });
           outcomes.push({ name: data?.orders.nodes[0]?.receiver.name, reasons: errors.map((e) => e.extensions?.reason) });
         }
         process.stdout.write(JSON.stringify(outcomes));`,
      );
      const token = await suite.harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
      const { stdout } = await run(process.execPath, [join(dir, 'main.mjs'), `${suite.harness.base}/graphql`, token, QUERY], { cwd: dir });
      return JSON.parse(stdout) as Outcome[];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each(['apollo-client.mjs', 'urql.mjs', 'graphql-request.mjs'])('%s keeps partial data and asks again for another purpose', async (file) => {
    const [delivery, voucher] = await outcomes(file);
    // Released for delivery, beside the denied email: the client kept both.
    expect(delivery!.name).toEqual(expect.any(String));
    expect(delivery!.reasons).toEqual(['SCOPE_MISSING']);
    // Asked again for a purpose the seller's agreement does not cover: decided anew, nothing from a cache.
    expect(voucher!.name).toBeNull();
    expect(voucher!.reasons).toEqual(expect.arrayContaining(['PURPOSE_NOT_PERMITTED']));
  }, 60_000);

  it("needs no-cache: with Apollo Client's default cache-first policy the other purpose is answered from cache", async () => {
    // The reported failure, kept as a control: names released for order.delivery shown under
    // service.gift-voucher without a request — nothing decided, nothing in the ledger.
    const patch = "client.defaultOptions.query = { ...client.defaultOptions.query, fetchPolicy: 'cache-first' };";
    const [delivery, voucher] = await outcomes('apollo-client.mjs', patch);
    expect(voucher!.name).toBe(delivery!.name);
    expect(voucher!.reasons).not.toContain('PURPOSE_NOT_PERMITTED');
  }, 60_000);
});
