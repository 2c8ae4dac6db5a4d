// The partner-page benchmark's third server (tools/bench/partner-page.ts): the gateway exactly as
// deployed — production set-up, configuration, admission, GraphQL stack — but with every `@personal`
// field filled straight from the page's row: no decision, no ledger, no ceiling claim, no rate debit.
// It measures what the policy costs. Wired here only: the production entry (services/gateway/src/
// main.ts) has no option, variable or code path that leads to it.
import 'reflect-metadata';
import { guardPersonalFields } from '@provision/api-partner';
import { itemValue } from '@provision/db';
import { isGrantableItem } from '@provision/domain';
import { serveProduction } from '../../services/gateway/src/production.js';
import { buildResolverSchema } from '../../services/gateway/src/schema.js';

const schema = guardPersonalFields(await buildResolverSchema(), (handle, item, context) => {
  if (!isGrantableItem(item)) throw new Error(`no storage is mapped for personal item ${item}`);
  return itemValue(handle.dataSubject.values, item, context.keyring);
});
await serveProduction({ schema });
