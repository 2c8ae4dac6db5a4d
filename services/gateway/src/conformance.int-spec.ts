import { serverAudits } from 'graphql-http';
import { DEMO_CLIENT_IDS } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';

const NOW = '2026-03-01T03:00:00Z';

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  const suite = useSeededGateway(NOW);

  it('passes every MUST audit; the SHOULD and MAY misses are the known, documented ones', async () => {
    const { harness } = suite;
    const bearer = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read'], 3_600);
    // The audits send no credentials; the gateway refuses anonymous requests, so each one carries a token.
    const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${bearer}`);
      return fetch(input, { ...init, headers });
    };
    const results = await Promise.all(serverAudits({ url: `${harness.base}/graphql`, fetchFn }).map((audit) => audit.fn()));
    const named = (status: string) => results.filter((result) => result.status === status).map((result) => result.name).sort();

    expect(named('error')).toEqual([]);
    expect(results.filter((result) => result.name.startsWith('MUST')).every((result) => result.status === 'ok')).toBe(true);
    // README "GraphQL over HTTP conformance" says why each of these is so.
    expect(named('warn')).toEqual([
      'SHOULD use 200 status code on document parsing failure when accepting application/json',
      'SHOULD use 200 status code on document validation failure when accepting application/json',
      'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
    ]);
    expect(named('notice')).toEqual([
      'MAY accept application/x-www-form-urlencoded formatted GET requests',
      'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
      'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
    ]);
    expect(named('ok')).toHaveLength(55);
  });
});
