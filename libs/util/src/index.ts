export { type Clock, ManualClock, systemClock } from './clock.js';
export { assertUnreachable } from './assert.js';
