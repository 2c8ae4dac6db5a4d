import { jestConfig } from '../../jest.preset.js';

// pg-boss installs its schema and polls on real time: a worker test takes seconds, not milliseconds.
export default jestConfig(import.meta.dirname, { testTimeout: 30_000 });
