import { DEMO_CLIENT_IDS } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// What a partner's HTTP and GraphQL caches see (docs/partners.md, "Caching").
const NOW = '2026-03-01T03:00:00Z';
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:name', 'pii:mobile'];

interface OrderNode {
  id: string;
  orderId: string;
  shopOrderId: string;
  receiver: { name: string | null };
}

describe('partner responses and caches', () => {
  const suite = useSeededGateway(NOW);
  const asSeller = async <TData>(query: string, variables: Record<string, unknown> = {}) =>
    suite.harness.post<TData>({ query, variables }, await suite.harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES));

  it('sends Cache-Control: no-store, private with personal data, and with discovery too', async () => {
    const orders = await asSeller<{ orders: { nodes: OrderNode[] } }>(loadOperation('partner/seller-orders'));
    expect(orders.body.data!.orders.nodes[0]!.receiver.name).not.toBeNull();
    expect(orders.response.headers.get('cache-control')).toBe('no-store, private');

    const scope = await asSeller(loadOperation('partner/my-provision-scope'));
    expect(scope.body.errors).toBeUndefined();
    expect(scope.response.headers.get('cache-control')).toBe('no-store, private');
  });

  it('gives an order one cache identity per declared purpose, and keeps its own id beside it', async () => {
    const delivery = await asSeller<{ orders: { nodes: OrderNode[] } }>(
      'query @purpose(code: "order.delivery") { orders(first: 1) { nodes { id orderId shopOrderId receiver { name } } } }',
    );
    const [order] = delivery.body.data!.orders.nodes;
    expect(order!.id).toBe(`${order!.orderId}@order.delivery`);

    // The same order read for another purpose: a different `id`, so a normalized cache cannot
    // merge the two releases; `order(id:)` takes either id.
    const service = 'query ($id: ID!) @purpose(code: "order.customer-service") { order(id: $id) { id orderId shopOrderId } }';
    for (const id of [order!.id, order!.orderId]) {
      const { body } = await asSeller<{ order: OrderNode }>(service, { id });
      expect(body.data!.order).toEqual({ id: `${order!.orderId}@order.customer-service`, orderId: order!.orderId, shopOrderId: order!.shopOrderId });
    }
  });
});
