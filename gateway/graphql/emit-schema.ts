/**
 * Prints the schema that the type-graphql classes define, sorted by name, to
 * schema.graphql at the package root. The web client and its code generator
 * read that file; a test fails when it differs from what this prints.
 *
 * Run through `npm run schema:write`, which builds the server first.
 */
import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { lexicographicSortSchema, printSchema } from 'graphql';

import { buildGatewaySchema } from './schema';

const HEADER = `# Generated from the type-graphql classes in gateway/graphql by
# gateway/graphql/emit-schema.ts. Do not edit: change the classes and run
# \`npm run schema:write\`.
`;

/** Returns the text that schema.graphql must contain. */
export function printGatewaySchema(): string {
  return `${HEADER}\n${printSchema(lexicographicSortSchema(buildGatewaySchema()))}\n`;
}

/** schema.graphql at the package root, found from this file in gateway/graphql or dist/gateway/graphql. */
export function schemaFilePath(): string {
  const twoUp = path.resolve(__dirname, '../..');
  const packageRoot = path.basename(twoUp) === 'dist' ? path.dirname(twoUp) : twoUp;
  return path.join(packageRoot, 'schema.graphql');
}

if (require.main === module) {
  const file = schemaFilePath();
  writeFileSync(file, printGatewaySchema());
  console.log(`Wrote ${path.relative(process.cwd(), file) || file}`);
}
