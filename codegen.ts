import type { CodegenConfig } from '@graphql-codegen/cli';

// Generates typed documents for the web client from the gateway's schema.
// The output in web/src/gql/ is committed: run `npm run codegen` after
// changing schema.graphql or any graphql() document, and
// `npx graphql-codegen --config codegen.ts --check` to verify it is current.
const config: CodegenConfig = {
  schema: './schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: {
        // Components read query results directly; fragments only share field
        // selections, so masking would add unwrapping calls without a benefit.
        fragmentMasking: false,
      },
      config: {
        // The gateway sends these scalars as strings, and the generated types
        // keep them as strings so that no digit or day is lost on the way.
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Decimal: 'string',
        },
        strictScalars: true,
        useTypeImports: true,
        enumType: 'string-literal',
        nonOptionalTypename: false,
      },
    },
  },
};

export default config;
