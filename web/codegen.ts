import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the checked-in schema: every `graphql(...)` document in src/ gets its
// result and variable types generated into src/gql/ (not committed; `npm run codegen` remakes it).
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
