export { type Clock, ManualClock, systemClock } from './clock.js';
export { assertUnreachable } from './assert.js';
export { escapeHtml, html, rawHtml, SafeHtml } from './html.js';
export { createFileExclusively, writeFileAtomically } from './files.js';
export { withTimeout } from './timeout.js';
