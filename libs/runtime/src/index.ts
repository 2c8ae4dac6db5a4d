export { createLogger, type Logger, type LogLevel, REDACTED, scrub } from './logger.js';
export { onShutdown } from './shutdown.js';
