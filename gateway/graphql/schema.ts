import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';

import { DashboardResolver, InvoiceSummaryResolver } from './resolvers/dashboard';
import { InvoiceConnectionResolver, InvoiceResolver } from './resolvers/invoice';
import { OrderConnectionResolver, OrderResolver } from './resolvers/order';
import { TicketConnectionResolver, TicketResolver } from './resolvers/ticket';
import { ViewerResolver } from './resolvers/viewer';

let schema: GraphQLSchema | undefined;

/**
 * Builds the GraphQL schema from the type-graphql classes once per process.
 * type-graphql keeps its metadata in a global store, so a second build would
 * only repeat the same work.
 */
export function buildGatewaySchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      ViewerResolver,
      DashboardResolver,
      InvoiceSummaryResolver,
      InvoiceResolver,
      InvoiceConnectionResolver,
      OrderResolver,
      OrderConnectionResolver,
      TicketResolver,
      TicketConnectionResolver,
    ],
    // Input checks are written out in the resolvers; class-validator is not used.
    validate: false,
  });
  return schema;
}
