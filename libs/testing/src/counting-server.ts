import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server that answers every request with one JSON document and counts the requests. */
export interface CountingServer {
  /** `http://127.0.0.1:<port>`; any path answers the same. */
  base: string;
  /** Requests received so far. */
  readonly hits: number;
  stop(): Promise<void>;
}

/**
 * Stands in for a JWKS endpoint (or an attacker's key URL) so a test can prove how often — or that
 * never — a component fetched it.
 *
 * @example
 * const jwks = await startCountingServer(issuer.jwks);
 * const verifier = createTokenVerifier({ issuer, audience, jwksUrl: `${jwks.base}/jwks.json`, clock });
 */
export async function startCountingServer(document: unknown): Promise<CountingServer> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
