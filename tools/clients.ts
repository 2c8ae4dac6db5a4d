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
import { systemClock } from '@provision/util';
import { addClientCommand, checkClientsArguments, parseClientsArguments, Refused } from '../services/gateway/src/clients.command.js';
import { firstLine, withLedgerDatabase } from './ledger-database.js';

async function main(): Promise<number> {
  try {
    const client = checkClientsArguments(parseClientsArguments(process.argv.slice(2)));
    console.log(await withLedgerDatabase((orm) => addClientCommand(orm, systemClock, client)));
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
