import { createConnection, createServer, type Socket } from 'node:net';

/** What PostgreSQL was asked through a {@link SqlWire}, as its wire protocol carries it. */
export interface SqlWire {
  /** A database URL like the one given, pointing through the wire. */
  url: string;
  /**
   * Every statement executed, in order: the text of each simple Query and of each Bind (one per
   * execution of a statement with parameters, whether parsed just before or prepared earlier on
   * the connection under a name).
   */
  readonly statements: readonly string[];
  /** Statements parsed (and so planned anew): a prepared statement is parsed once per connection. */
  readonly parses: number;
  /** Transactions ended: each time the server reported itself idle again after a statement. */
  readonly transactions: number;
  /**
   * Round trips: each time a client asked while the server had answered all it had been asked on
   * that connection (statements sent before the previous one's answer — pipelined — share one).
   */
  readonly roundTrips: number;
  /** Forgets what was counted so far. */
  reset(): void;
  stop(): Promise<void>;
}

/** Splits a byte stream into protocol messages: `[type][int32 length][payload]`, the client's first message without a type. */
class MessageReader {
  #pending = Buffer.alloc(0);
  #expectStartup: boolean;

  constructor(startsWithStartup: boolean) {
    this.#expectStartup = startsWithStartup;
  }

  *read(chunk: Buffer): Generator<{ type: string; payload: Buffer }> {
    this.#pending = Buffer.concat([this.#pending, chunk]);
    for (;;) {
      const header = this.#expectStartup ? 4 : 5;
      if (this.#pending.length < header) return;
      const length = this.#pending.readInt32BE(header - 4);
      const total = header - 4 + length;
      if (this.#pending.length < total) return;
      const type = this.#expectStartup ? '' : String.fromCharCode(this.#pending[0]);
      yield { type, payload: this.#pending.subarray(header, total) };
      this.#pending = this.#pending.subarray(total);
      this.#expectStartup = false;
    }
  }
}

const cString = (payload: Buffer, from = 0) => payload.toString('utf8', from, payload.indexOf(0, from));

/**
 * A TCP relay between clients and a PostgreSQL server that counts what crosses it: the statements
 * clients send and the transactions the server completes (its ReadyForQuery status turning back
 * to idle). For tests that hold the application to a statement budget through any driver or ORM,
 * counted as PostgreSQL receives them. Plain connections only (no TLS), which is what tests use.
 */
export async function startSqlWire(databaseUrl: string): Promise<SqlWire> {
  const target = new URL(databaseUrl);
  const statements: string[] = [];
  let parses = 0;
  let transactions = 0;
  let roundTrips = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    sockets.add(client).add(upstream);
    const fromClient = new MessageReader(true);
    const fromServer = new MessageReader(false);
    let ready = false;
    // Requests (a simple Query, or the Sync ending extended-protocol messages) not yet answered by a ReadyForQuery.
    let unanswered = 0;
    // The texts this connection parsed, by statement name ('' is the unnamed statement).
    const parsed = new Map<string, string>();
    client.on('data', (chunk: Buffer) => {
      for (const { type, payload } of fromClient.read(chunk)) {
        if ((type === 'Q' || type === 'S') && unanswered++ === 0) roundTrips += 1;
        if (type === 'Q') statements.push(cString(payload));
        if (type === 'Q' || type === 'P') parses += 1;
        if (type === 'P') parsed.set(cString(payload), cString(payload, payload.indexOf(0) + 1));
        // Bind: the portal's name, then the statement's.
        if (type === 'B') statements.push(parsed.get(cString(payload, payload.indexOf(0) + 1)) ?? '(a statement parsed before this relay)');
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      for (const { type, payload } of fromServer.read(chunk)) {
        // The first ReadyForQuery ends the start-up, not a transaction.
        if (type === 'Z' && payload[0] === 'I'.charCodeAt(0) && ready) transactions += 1;
        if (type === 'Z' && ready) unanswered -= 1;
        if (type === 'Z') ready = true;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    get statements() {
      return statements;
    },
    get parses() {
      return parses;
    },
    get transactions() {
      return transactions;
    },
    get roundTrips() {
      return roundTrips;
    },
    reset() {
      statements.length = 0;
      parses = 0;
      transactions = 0;
      roundTrips = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
