// `npm run harvest:check [-- --day YYYY-MM-DD]`: runs the worker's harvest check once, now, for
// today so far (Seoul) or the given day, with the worker's configuration (DATABASE_URL, HARVEST_*),
// and prints the alerts it raised as JSON. Alerts already raised for a partner, day and kind are
// not raised again.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openOrm } from '@provision/db';
import { isCalendarDate } from '@provision/domain';
import { createLogger } from '@provision/runtime';
import { systemClock } from '@provision/util';
import { ConfigError, loadWorkerConfig } from '../services/worker/src/config.js';
import { runHarvestCheck } from '../services/worker/src/harvest-check.js';

const { values } = parseArgs({ options: { day: { type: 'string' } } });
if (values.day !== undefined && !isCalendarDate(values.day)) {
  process.stderr.write('--day must be a date written YYYY-MM-DD\n');
  process.exit(1);
}
let config;
try {
  config = loadWorkerConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
const orm = await openOrm(config.databaseUrl, { poolSize: 1 });
try {
  const logger = createLogger({ service: 'harvest-check', level: config.logLevel, destination: process.stderr });
  const alerts = await runHarvestCheck(
    { orm, clock: systemClock, logger },
    { factor: config.harvest.factor, minVolume: config.harvest.minVolume },
    values.day,
  );
  process.stdout.write(`${JSON.stringify(alerts, null, 2)}\n`);
} finally {
  await orm.close();
}
