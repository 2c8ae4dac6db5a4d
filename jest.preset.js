// Shared Jest settings for every project: TypeScript ESM through @swc/jest (see STACK.md),
// legacy decorators with metadata for type-graphql and MikroORM, and the tsconfig path aliases.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, resolve(root, target)]),
);

/** @param {string} projectDir @returns {import('jest').Config} */
export function jestConfig(projectDir, overrides = {}) {
  return {
    displayName: projectDir.slice(root.length + 1),
    rootDir: projectDir,
    testEnvironment: 'node',
    // A hang guard, not a speed assertion: integration suites share 2 cores with PostgreSQL in CI.
    testTimeout: 20_000,
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'es6' },
        },
      ],
    },
    ...overrides,
  };
}
