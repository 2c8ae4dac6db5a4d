import { Writable } from 'node:stream';
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
});
