import type { Logger } from './logger.js';

/**
 * Runs `steps` in order on SIGTERM or SIGINT, or when the returned function is called (the
 * development entry asks over IPC), then exits 0 (1 if a step failed). A second signal while
 * shutting down exits at once; a second request is ignored.
 */
export function onShutdown(logger: Logger, steps: ReadonlyArray<() => Promise<void>>): (reason: string) => void {
  let shuttingDown = false;
  const shutDown = (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'shutting down: letting in-flight work finish');
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
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting without finishing shutdown');
      process.exit(1);
    }
    shutDown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return shutDown;
}
