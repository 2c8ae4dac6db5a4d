import type { CodegenConfig } from '@graphql-codegen/cli';

// Every operation of the console is typed from the committed schema (schema/schema.graphql).
// The generated src/gql/ is committed; the console's test target runs this with --check, so CI
// fails when an operation or the schema changed without regenerating (`npx nx codegen console`).
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['services/console/src/**/*.{ts,tsx}', '!services/console/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'services/console/src/gql/': {
      preset: 'client',
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
