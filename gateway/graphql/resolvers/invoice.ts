import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';

import * as decimal from '../../../connectors/decimal';
import type { InvoiceFilter as InvoiceFilterValues, InvoiceSortField, SortOrder } from '../../../connectors/sources';
import { badUserInput } from '../../errors';
import { MAX_INVOICES_PER_PAYMENT } from '../../payments';
import { requirePermission, requireViewer } from '../access';
import type { GatewayContext } from '../context';
import { toConnection } from '../pagination/connection';
import { decodeCursor } from '../pagination/cursor';
import { checkSearchLength, compactFilter } from '../pagination/filter';
import { checkPageSize } from '../pagination/first';
import { requirePaymentLoaders } from '../payment-access';
import { InvoiceStatusValues, type PortalInvoiceStatus } from '../types/enums';
import { Invoice, InvoiceConnection, InvoiceFilter, InvoiceLine, InvoiceOrder, invoiceStatus, toInvoice, toInvoiceLine } from '../types/invoice';
import { Order, toOrder } from '../types/order';

const DEFAULT_ORDER: SortOrder<InvoiceSortField> = { field: 'INVOICE_DATE', direction: 'DESC' };

/** Most numbers one invoicesByNumber call accepts: as many as one payment can include, so a payment's review page needs one call. */
const MAX_NUMBERS_PER_LOOKUP = MAX_INVOICES_PER_PAYMENT;

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => InvoiceConnection, { description: 'Invoices and credit memos. first: 1 to 100. Default order: INVOICE_DATE DESC.' })
  async invoices(
    @Ctx() context: GatewayContext,
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('filter', () => InvoiceFilter, { nullable: true }) filter: InvoiceFilter | null | undefined,
    @Arg('orderBy', () => InvoiceOrder, { nullable: true }) orderBy: InvoiceOrder | null | undefined,
  ): Promise<InvoiceConnection> {
    const { loaders } = requirePermission(context, 'invoices:read');

    // Check every argument before the first query.
    const pageSize = checkPageSize(first);
    const sort: SortOrder<InvoiceSortField> = orderBy ? { field: orderBy.field, direction: orderBy.direction } : DEFAULT_ORDER;
    const afterKey = after === null || after === undefined ? null : decodeCursor('Invoice', sort, after);
    const filterValues = checkStatusFilter(compactFilter(filter));
    checkSearchLength(filterValues.numberContains, 'filter.numberContains');

    const page = await context.erp.invoices.listInvoices(await loaders.scope(), {
      filter: filterValues,
      orderBy: sort,
      first: pageSize,
      after: afterKey,
    });
    loaders.primeInvoices(page.items.map((item) => item.node));

    return { ...toConnection('Invoice', sort, page, toInvoice), filter: filterValues };
  }

  @Query(() => Invoice, { nullable: true, description: "Null when no invoice of the viewer's customer has this number." })
  async invoice(@Ctx() context: GatewayContext, @Arg('number', () => String) number: string): Promise<Invoice | null> {
    const { loaders } = requirePermission(context, 'invoices:read');

    const invoice = await loaders.invoiceByNumber.load(number);
    return invoice === null ? null : toInvoice(invoice);
  }

  @Query(() => [Invoice], {
    nullable: 'items',
    description: `Invoices by number, in the order given, with null for a number that no invoice of the viewer's customer has. 1 to ${MAX_NUMBERS_PER_LOOKUP} numbers.`,
  })
  async invoicesByNumber(@Ctx() context: GatewayContext, @Arg('numbers', () => [String]) numbers: string[]): Promise<(Invoice | null)[]> {
    const { loaders } = requirePermission(context, 'invoices:read');
    if (numbers.length === 0 || numbers.length > MAX_NUMBERS_PER_LOOKUP) {
      throw badUserInput(`numbers must list 1 to ${MAX_NUMBERS_PER_LOOKUP} invoice numbers, got ${numbers.length}.`, 'numbers');
    }

    const invoices = await loaders.invoiceByNumber.loadMany(numbers);
    return invoices.map((invoice) => {
      if (invoice instanceof Error) {
        throw invoice;
      }
      return invoice === null ? null : toInvoice(invoice);
    });
  }

  @FieldResolver(() => InvoiceStatusValues, {
    description: 'PAYMENT_PENDING while payments made in this portal hold part of an open balance; see InvoiceStatus.',
  })
  async status(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<PortalInvoiceStatus> {
    const erpStatus = invoiceStatus(invoice.source.balance);
    if (erpStatus !== 'OUTSTANDING') {
      return erpStatus;
    }

    const hold = await requirePaymentLoaders(context).invoiceHold.load(invoice.source);
    return decimal.compare(hold.total, '0') > 0 ? 'PAYMENT_PENDING' : 'OUTSTANDING';
  }

  @FieldResolver(() => Boolean, {
    description: 'Outstanding in the ERP and due before the business date (Dashboard.asOf); true for a PAYMENT_PENDING invoice as well.',
  })
  async isOverdue(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<boolean> {
    const { loaders } = requireViewer(context);

    // Dates are YYYY-MM-DD strings, so text order is calendar order.
    const asOf = await loaders.businessDate();
    return invoiceStatus(invoice.source.balance) === 'OUTSTANDING' && invoice.dueDate < asOf;
  }

  @FieldResolver(() => [InvoiceLine], { description: 'Lines in line number order.' })
  async lines(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<InvoiceLine[]> {
    const { loaders } = requireViewer(context);

    const lines = await loaders.invoiceLinesByInvoiceId.load(invoice.source.id);
    return lines.map((line) => toInvoiceLine(line, invoice.source.currency));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order the invoice bills, if any.' })
  async order(@Root() invoice: Invoice, @Ctx() context: GatewayContext): Promise<Order | null> {
    const { loaders } = requirePermission(context, 'orders:read');
    if (invoice.source.orderId === null) {
      return null;
    }

    const order = await loaders.orderById.load(invoice.source.orderId);
    return order === null ? null : toOrder(order);
  }

  @FieldResolver(() => String, {
    description: 'Absolute address of the invoice PDF. A GET needs the same session cookie as the API.',
  })
  pdfUrl(@Root() invoice: Invoice, @Ctx() context: GatewayContext): string {
    return `${context.publicBaseUrl}/documents/invoices/${encodeURIComponent(invoice.number)}.pdf`;
  }
}

/**
 * Narrows the status filter to the ERP statuses. The ERP cannot see portal
 * payments, so a filter on PAYMENT_PENDING cannot run there.
 */
function checkStatusFilter(filter: ReturnType<typeof compactFilter<InvoiceFilter>>): InvoiceFilterValues {
  const { status, ...rest } = filter;
  if (status === 'PAYMENT_PENDING') {
    throw badUserInput(
      'filter.status PAYMENT_PENDING is not supported, because the filter works on the ERP balance. Filter on OUTSTANDING, which includes invoices with a pending payment, and read each invoice\'s status.',
      'filter.status',
    );
  }
  return status === undefined ? rest : { ...rest, status };
}

@Resolver(() => InvoiceConnection)
export class InvoiceConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of invoices matching the filter, across all pages.' })
  async totalCount(@Root() connection: InvoiceConnection, @Ctx() context: GatewayContext): Promise<number> {
    const { loaders } = requireViewer(context);
    return context.erp.invoices.countInvoices(await loaders.scope(), connection.filter);
  }
}
