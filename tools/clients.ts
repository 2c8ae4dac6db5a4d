// Registers a client of the gateway from the command line — how the first admin (and the shop's
// backend) get a client id in production, where only an admin could otherwise add one:
//   npm run clients -- add --kind ADMIN --client-id ops-admin --scopes "admin:read admin:write" --actor "kim.jiwoo OPS-1234"
//   npm run clients -- add --kind PARTNER --client-id hanbok-house-api --partner hanbok-house --scopes "partner:read pii:receiver.name"
// (in the image: node --import @swc-node/register/esm-register tools/clients.ts add …)
// The same rules and the same permission-history entry as the admin API's addClient, in one
// transaction; the history names the actor `cli:<actor>`. DATABASE_URL (the app role suffices), or
// the development database of `npm start`. Exit code 0: added; 1: refused (the reason names the
// field); 2: could not run.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { validate } from 'class-validator';
import { AddClientInput, ClientRegistryService } from '@provision/api-admin';
import { firstInvalidPath } from '@provision/api-core';
import { Partner } from '@provision/db';
import { CLIENT_KINDS, type ClientKind, InputError } from '@provision/domain';
import { systemClock } from '@provision/util';
import { firstLine, withLedgerDatabase } from './ledger-database.js';

const USAGE =
  'usage: npm run clients -- add --kind ADMIN|SHOP|PARTNER --client-id <id> --scopes "<scope> …" --actor "<who, why>" [--partner <partner code>]';

/** Who ran the command, as the permission history records it: a name and a ticket, say. */
const ACTOR = /^[\p{L}\p{N} ._@#:/-]{3,100}$/u;

class Refused extends Error {}

async function add(values: Record<string, string | undefined>): Promise<string> {
  const { kind, 'client-id': clientId, scopes, actor, partner: partnerCode } = values;
  if (!kind || !clientId || !scopes || !actor) throw new Refused(USAGE);
  if (!(CLIENT_KINDS as readonly string[]).includes(kind)) throw new Refused(`kind must be one of ${CLIENT_KINDS.join(', ')}`);
  if (!ACTOR.test(actor)) throw new Refused('actor must be 3-100 letters, digits, spaces or ._@#:/- (who runs this, and why)');
  return withLedgerDatabase(async (orm) => {
    const em = orm.em.fork();
    let partnerId: string | null = null;
    if (partnerCode !== undefined) {
      const partner = await em.findOne(Partner, { code: partnerCode });
      if (!partner) throw new Refused(`partner: no partner with code ${partnerCode}`);
      partnerId = partner.id;
    }
    const input = Object.assign(new AddClientInput(), {
      clientId,
      kind: kind as ClientKind,
      partnerId,
      scopes: scopes.split(/\s+/).filter(Boolean),
    });
    const invalid = firstInvalidPath(await validate(input));
    if (invalid) throw new Refused(`${invalid.path}: ${invalid.message}`);
    try {
      const client = await new ClientRegistryService(em, systemClock, `cli:${actor}`).addClient(input);
      return `added ${client.kind} client ${client.clientId} with scopes ${client.allowedScopes.join(' ')}`;
    } catch (err) {
      if (err instanceof InputError) throw new Refused(`${err.field}: ${err.message}`);
      throw err;
    }
  });
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        kind: { type: 'string' },
        'client-id': { type: 'string' },
        scopes: { type: 'string' },
        actor: { type: 'string' },
        partner: { type: 'string' },
      },
    });
  } catch {
    console.error(USAGE);
    return 2;
  }
  if (parsed.positionals.join(' ') !== 'add') {
    console.error(USAGE);
    return 2;
  }
  try {
    console.log(await add(parsed.values));
    return 0;
  } catch (err) {
    if (err instanceof Refused) {
      console.error(`refused: ${err.message}`);
      return 1;
    }
    console.error(`could not add the client: ${firstLine(err)}`);
    return 2;
  }
}

process.exit(await main());
