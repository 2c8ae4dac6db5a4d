export { listen } from './listen.js';
export { logContext, type LogContext, withLogContext } from './log-context.js';
export { createLogger, type Logger, type LogLevel, REDACTED, scrub } from './logger.js';
export { type PoolCounts, registerPoolMetrics } from './pool-metrics.js';
export { onShutdown } from './shutdown.js';
