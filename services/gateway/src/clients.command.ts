// The `clients` command (tools/clients.ts) as a function of its arguments and a database, so its
// rules are tested in-process; the entry only connects and prints.
import type { MikroORM } from '@mikro-orm/postgresql';
import { parseArgs } from 'node:util';
import { validate } from 'class-validator';
import { AddClientInput, ClientRegistryService } from '@provision/api-admin';
import { firstInvalidPath } from '@provision/api-core';
import { Partner } from '@provision/db';
import { CLIENT_KINDS, type ClientKind, InputError } from '@provision/domain';
import type { Clock } from '@provision/util';

export const USAGE =
  'usage: npm run clients -- add --kind ADMIN|SHOP|PARTNER --client-id <id> --scopes "<scope> …" --actor "<who, why>" [--partner <partner code>]';

/** Who ran the command, as the permission history records it: a name and a ticket, say. */
const ACTOR = /^[\p{L}\p{N} ._@#:/-]{3,100}$/u;

/** A refusal the operator can act on: bad arguments, or a rule of addClient (naming the field). */
export class Refused extends Error {}

export interface AddClientArguments {
  kind?: string;
  'client-id'?: string;
  scopes?: string;
  actor?: string;
  partner?: string;
}

/** The `add` arguments of `argv`; throws {@link Refused} with the usage on anything else. */
export function parseClientsArguments(argv: string[]): AddClientArguments {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
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
    if (positionals.join(' ') !== 'add') throw new Refused(USAGE);
    return values;
  } catch (err) {
    throw err instanceof Refused ? err : new Refused(USAGE);
  }
}

/** What `add` asks for, checked as far as it can be without the database. */
export interface ClientToAdd {
  kind: ClientKind;
  clientId: string;
  scopes: string[];
  actor: string;
  partnerCode?: string;
}

/** Checks the arguments before any database work: all given, the kind, and who is acting. */
export function checkClientsArguments(values: AddClientArguments): ClientToAdd {
  const { kind, 'client-id': clientId, scopes, actor, partner } = values;
  if (!kind || !clientId || !scopes || !actor) throw new Refused(USAGE);
  if (!(CLIENT_KINDS as readonly string[]).includes(kind)) throw new Refused(`kind must be one of ${CLIENT_KINDS.join(', ')}`);
  if (!ACTOR.test(actor)) throw new Refused('actor must be 3-100 letters, digits, spaces or ._@#:/- (who runs this, and why)');
  return { kind: kind as ClientKind, clientId, scopes: scopes.split(/\s+/).filter(Boolean), actor, partnerCode: partner };
}

/**
 * Adds the client with the admin API's rules and permission-history entry (actor `cli:<actor>`),
 * in one transaction. Returns the line to print; throws {@link Refused} naming the field.
 */
export async function addClientCommand(orm: MikroORM, clock: Clock, { kind, clientId, scopes, actor, partnerCode }: ClientToAdd): Promise<string> {
  const em = orm.em.fork();
  let partnerId: string | null = null;
  if (partnerCode !== undefined) {
    const partner = await em.findOne(Partner, { code: partnerCode });
    if (!partner) throw new Refused(`partner: no partner with code ${partnerCode}`);
    partnerId = partner.id;
  }
  const input = Object.assign(new AddClientInput(), { clientId, kind, partnerId, scopes });
  const invalid = firstInvalidPath(await validate(input));
  if (invalid) throw new Refused(`${invalid.path}: ${invalid.message}`);
  try {
    // No signed-in person: the permission history keeps who ran the command, as they said.
    const client = await new ClientRegistryService(em, clock, { clientId: `cli:${actor}`, person: null }).addClient(input);
    return `added ${client.kind} client ${client.clientId} with scopes ${client.allowedScopes.join(' ')}`;
  } catch (err) {
    if (err instanceof InputError) throw new Refused(`${err.field}: ${err.message}`);
    throw err;
  }
}
