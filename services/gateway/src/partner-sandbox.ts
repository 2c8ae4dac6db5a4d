import { fileURLToPath } from 'node:url';
import { loadOperation, operationNames } from './operations.harness.js';

// The partner sandbox: every example of schema/operations/partner/ as a request a partner engineer
// sends to a local `npm start` (demo data, development issuer), written to an `.http` file that
// VS Code's REST Client and JetBrains' HTTP Client run as they are. Each operation names the demo
// client it runs as (`# Sandbox: <client id>`) and, when it needs them, its variables
// (`# Sandbox variables: <JSON>`, where `{{orderId}}` and `{{noticeId}}` are the file's variables).

/** The committed request collection (`schema/operations/partner/partner.http`). */
export const PARTNER_HTTP_FILE = fileURLToPath(new URL('../../../schema/operations/partner/partner.http', import.meta.url));

/** Ids a partner engineer fills in from earlier answers: an order of SellerOrders, a notice its webhook received. */
export const SANDBOX_PLACEHOLDERS = {
  orderId: 'an order id from SellerOrders',
  noticeId: 'the noticeId of a notice your webhook received',
} as const;

export interface SandboxRequest {
  /** `partner/seller-orders` */
  name: string;
  operationName: string;
  clientId: string;
  query: string;
  /** Variables as written, placeholders (`{{orderId}}`) unreplaced. */
  variables: Record<string, unknown>;
}

function header(text: string, label: string): string | undefined {
  return new RegExp(`^# ${label}: (.+)$`, 'm').exec(text)?.[1]?.trim();
}

/** The sandbox requests, one per partner example operation; an example without its `# Sandbox:` line is an error. */
export function sandboxRequests(): SandboxRequest[] {
  return operationNames()
    .filter((name) => name.startsWith('partner/'))
    .map((name) => {
      const text = loadOperation(name);
      const clientId = header(text, 'Sandbox');
      if (!clientId) throw new Error(`schema/operations/${name}.graphql names no sandbox client ("# Sandbox: <client id>")`);
      const operationName = /^(?:query|mutation)\s+(\w+)/m.exec(text)?.[1];
      if (!operationName) throw new Error(`schema/operations/${name}.graphql has no named operation`);
      const variables = JSON.parse(header(text, 'Sandbox variables') ?? '{}') as Record<string, unknown>;
      // The request carries the operation without its comment lines (they document the file).
      const query = text.replace(/^#.*\n/gm, '');
      return { name, operationName, clientId, query, variables };
    });
}

const tokenVariable = (clientId: string) => `token_${clientId.replace(/\W/g, '_')}`;

/** `variables` with each `{{placeholder}}` string replaced by `values[placeholder]`. */
export function fillPlaceholders(variables: Record<string, unknown>, values: Readonly<Record<string, string>>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(variables).replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`no value for the sandbox placeholder {{${key}}}`);
      return value;
    }),
  ) as Record<string, unknown>;
}

/** The `.http` file: file variables (gateway URL, a token per client, the placeholders), then one request per example. */
export function printPartnerHttp(requests: readonly SandboxRequest[] = sandboxRequests()): string {
  const clients = [...new Set(requests.map((request) => request.clientId))].sort();
  const lines = [
    '# Partner sandbox: every example of schema/operations/partner/ as a request to a local `npm start`',
    '# (demo data, development issuer). Runs as it is in VS Code REST Client and JetBrains HTTP Client.',
    '# Printed by `npm run schema:print` from the operations; do not edit by hand.',
    '# Paste each client\'s token: npm run --silent token -- --client <client id>',
    '',
    '@gateway = http://localhost:4000/graphql',
    ...clients.map((clientId) => `@${tokenVariable(clientId)} = paste the output of: npm run --silent token -- --client ${clientId}`),
    ...Object.entries(SANDBOX_PLACEHOLDERS).map(([key, what]) => `@${key} = ${what}`),
  ];
  for (const request of requests) {
    lines.push(
      '',
      `### ${request.operationName} (schema/operations/${request.name}.graphql) as ${request.clientId}`,
      'POST {{gateway}}',
      `Authorization: Bearer {{${tokenVariable(request.clientId)}}}`,
      'Content-Type: application/json',
      '',
      JSON.stringify({ query: request.query, variables: request.variables }),
    );
  }
  return `${lines.join('\n')}\n`;
}
