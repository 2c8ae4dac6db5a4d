import { type Logger } from './logger.js';

/**
 * Runs `steps` in order on SIGTERM or SIGINT, then exits 0 (1 if a step failed). A second signal
 * while shutting down exits at once, for the impatient Ctrl-C.
 */
export function onShutdown(logger: Logger, steps: ReadonlyArray<() => Promise<void>>): void {
  let shuttingDown = false;
  const handle = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting without finishing shutdown');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    void (async () => {
      let failed = false;
      for (const step of steps) {
        try {
          await step();
        } catch (err) {
          failed = true;
          logger.error({ errorType: (err as Error)?.name }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      process.exit(failed ? 1 : 0);
    })();
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
