export {
  createTestDatabase,
  TEST_ADMIN_URL_ENV,
  TEST_TEMPLATE_ENV,
  testKeyringConfig,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database.js';
export { applyRolesSql, type DeployRole, type RolesSection, roleUrl, rolesVariables, type RolesVariables } from './deploy-roles.js';
export {
  type ReceivedNotice,
  startWebhookReceiver,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type WebhookRequest,
  type WebhookVerdict,
} from './webhook-receiver.js';
export { type CountingServer, startCountingServer } from './counting-server.js';
export { addLedgerSubjects, scriptLedgerDay } from './ledger-script.js';
export { REVIEW_HISTORY, REVIEW_NOW, REVIEWED_MONTH, writeReviewHistory } from './review-history.js';
export { type SqlWire, startSqlWire } from './sql-wire.js';
export { CookieBrowser } from './cookie-browser.js';
