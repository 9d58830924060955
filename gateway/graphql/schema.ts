import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';

import { DashboardResolver, InvoiceSummaryResolver } from './resolvers/dashboard';
import { InvoiceSummaryPaymentResolver } from './resolvers/dashboard-payments';
import { InvoiceConnectionResolver, InvoiceResolver } from './resolvers/invoice';
import { InvoicePaymentResolver } from './resolvers/invoice-payments';
import { PaymentConnectionResolver, PaymentLineResolver, PaymentResolver } from './resolvers/payment';
import { OrderConnectionResolver, OrderResolver } from './resolvers/order';
import { AddTicketCommentPayloadResolver, TicketConnectionResolver, TicketResolver } from './resolvers/ticket';
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
      InvoicePaymentResolver,
      InvoiceSummaryPaymentResolver,
      PaymentResolver,
      PaymentLineResolver,
      PaymentConnectionResolver,
      OrderResolver,
      OrderConnectionResolver,
      TicketResolver,
      TicketConnectionResolver,
      AddTicketCommentPayloadResolver,
    ],
    // Input checks are written out in the resolvers; class-validator is not used.
    validate: false,
  });
  return schema;
}
