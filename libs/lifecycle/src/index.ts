// The public surface of @provision/lifecycle: what happens to provision over time, outside requests.
export {
  type ClosedEngagement,
  type EngagementKind,
  MAX_ENGAGEMENTS_PER_NOTICE,
  runWindowSweep,
  type WindowClosedPayload,
  type WindowSweepResult,
} from './window-sweep.js';
