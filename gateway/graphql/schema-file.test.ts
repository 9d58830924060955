import 'reflect-metadata';

import { readFileSync } from 'node:fs';

import { printGatewaySchema, schemaFilePath } from './emit-schema';

describe('schema.graphql', () => {
  it('matches the schema the code defines', () => {
    const committed = readFileSync(schemaFilePath(), 'utf8');
    const emitted = printGatewaySchema();

    if (committed !== emitted) {
      throw new Error(
        'schema.graphql differs from the schema that gateway/graphql defines. Run `npm run schema:write`, then review and commit the change (and run `npm run codegen` for the web client).',
      );
    }
  });
});
