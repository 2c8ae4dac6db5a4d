import { Writable } from 'node:stream';
import { logContext, withLogContext } from './log-context.js';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service: 'gateway', level: 'info', destination }), lines };
}

describe('createLogger', () => {
  it('masks credentials, variables and personal items at any depth', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        requestId: 'req-1',
        req: { headers: { authorization: 'Bearer eyJhbGciOi', cookie: 'sid=1', 'user-agent': 'curl' } },
        graphql: { operationName: 'Partners', variables: { input: { phone: '010-1234-5678' } } },
        subject: { email: 'kim@example.com', receiver: { address: 'Seoul' }, customsCode: 'P123' },
        rows: [{ mobile: '01012345678', orderId: 'o-1' }],
      },
      'request',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['eyJhbGciOi', 'sid=1', '010-1234-5678', 'kim@example.com', 'Seoul', 'P123', '01012345678']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'req-1',
      req: { headers: { 'user-agent': 'curl', authorization: '[Redacted]' } },
      graphql: { operationName: 'Partners', variables: '[Redacted]' },
      rows: [{ orderId: 'o-1', mobile: '[Redacted]' }],
    });
  });

  it('still logs errors with their type and stack', () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError('boom') }, 'failed');
    expect(lines[0]).toMatchObject({ err: { type: 'TypeError', message: 'boom' } });
  });

  it('adds the fields of the running log context to every line, including those learnt later and after an await', async () => {
    const { logger, lines } = capture();
    await withLogContext({ requestId: 'req-2' }, async () => {
      logger.info('first');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logContext()!['clientId'] = 'seller-seoul-sneakers';
      logger.info({ requestId: 'req-2', status: 200 }, 'second');
    });
    logger.info('outside');
    expect(lines).toMatchObject([
      { msg: 'first', requestId: 'req-2' },
      { msg: 'second', requestId: 'req-2', clientId: 'seller-seoul-sneakers', status: 200 },
      { msg: 'outside' },
    ]);
    expect(lines[0]).not.toHaveProperty('clientId');
    expect(lines[2]).not.toHaveProperty('requestId');
    // A line's own fields never leak into the context.
    expect(Object.keys(JSON.parse(JSON.stringify(lines[1])) as object)).toContain('status');
  });
});
