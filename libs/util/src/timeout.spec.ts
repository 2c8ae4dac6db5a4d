import { withTimeout } from './timeout.js';

describe('withTimeout', () => {
  it("answers the work's outcome when it settles in time", async () => {
    await expect(withTimeout(Promise.resolve('done'), 1_000)).resolves.toBe('done');
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  });

  it('rejects once the time has passed', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10)).rejects.toThrow('timed out');
  });
});
