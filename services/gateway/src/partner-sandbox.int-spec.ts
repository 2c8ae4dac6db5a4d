import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';
import { fillPlaceholders, PARTNER_HTTP_FILE, printPartnerHttp, sandboxRequests } from './partner-sandbox.js';

// The partner sandbox (docs/partners.md, "Trying it locally"): the committed .http collection is
// exactly what the example operations print, and every request of it, sent as its demo client with
// the scopes `npm run token` gives that client, is answered against the demo data.
const NOW = '2026-03-01T03:00:00Z';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string };
}

describe('the partner sandbox', () => {
  const suite = useSeededGateway(NOW);

  it('is the committed schema/operations/partner/partner.http (run npm run schema:print after changing an example)', () => {
    expect(readFileSync(PARTNER_HTTP_FILE, 'utf8')).toBe(printPartnerHttp());
  });

  it('answers every example as its demo client, releasing data where the demo allows it', async () => {
    const send = async (request: ReturnType<typeof sandboxRequests>[number], values: Record<string, string>) => {
      const client = await suite.db.orm.em.fork().findOneOrFail(Client, { clientId: request.clientId });
      const token = await suite.harness.token(request.clientId, client.allowedScopes);
      return suite.harness.post<Record<string, unknown>>({ query: request.query, variables: fillPlaceholders(request.variables, values) }, token);
    };
    const requests = sandboxRequests();
    expect(requests.map((request) => request.operationName).sort()).toEqual([
      'CallCenterCases',
      'ConfirmDestruction',
      'CustomsClearance',
      'GiftVoucherSubscribers',
      'MyProvisionScope',
      'OrderForCustomerService',
      'SellerOrders',
    ]);
    const sellerOrders = await send(requests.find((request) => request.operationName === 'SellerOrders')!, {});
    const [firstOrder] = (sellerOrders.body.data!.orders as { nodes: { id: string }[] }).nodes;
    // A sandbox user has no notice yet: an unknown id is refused at its field, as the docs say.
    const values = { orderId: firstOrder!.id, noticeId: randomUUID() };

    for (const request of requests) {
      const { response, body } = await send(request, values);
      expect({ operation: request.operationName, status: response.status }).toEqual({ operation: request.operationName, status: 200 });
      const codes = ((body.errors ?? []) as GraphQLErrorBody[]).map((error) => error.extensions?.code);
      if (request.operationName === 'ConfirmDestruction') {
        expect(codes).toEqual(['BAD_USER_INPUT']);
        continue;
      }
      // Denials are answers too (a window closed, an item not consented); nothing else may fail.
      expect({ operation: request.operationName, codes: codes.filter((code) => code !== 'PROVISION_DENIED') }).toEqual({
        operation: request.operationName,
        codes: [],
      });
      expect(JSON.stringify(body.data)).not.toMatch(/^null$|^\{\}$/);
    }
  });
});
