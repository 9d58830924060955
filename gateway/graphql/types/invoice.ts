import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

import * as decimal from '../../../connectors/decimal';
import type * as domain from '../../../connectors/domain';
import type { InvoiceFilter as InvoiceFilterValues, InvoiceSortField, SortDirection } from '../../../connectors/sources';
import { toGlobalId } from '../global-id';
import { DateScalar } from '../scalars/date';
import { DecimalScalar } from '../scalars/decimal';
import { InvoiceSortFieldValues, InvoiceStatusValues, InvoiceTypeValues, SortDirectionValues, type PortalInvoiceStatus } from './enums';
import { Money, money } from './money';
import { PageInfo } from './page-info';

@ObjectType({ description: 'An invoice or credit memo issued to the viewer\'s company.' })
export class Invoice {
  @Field(() => ID, { description: 'Opaque global id, stable across requests; use it as a cache key.' })
  id!: string;

  @Field(() => String, { description: 'Invoice number, for example "INV-100001".' })
  number!: string;

  @Field(() => InvoiceTypeValues)
  type!: domain.InvoiceType;

  @Field(() => DateScalar)
  invoiceDate!: domain.IsoDate;

  @Field(() => DateScalar)
  dueDate!: domain.IsoDate;

  @Field(() => Money, { description: 'Total of the document; negative on a credit memo.' })
  amount!: Money;

  @Field(() => Money, { description: 'Amount still open; zero once paid, negative on an unused credit memo.' })
  balance!: Money;

  // status, isOverdue, lines, order and pdfUrl are field resolvers in
  // InvoiceResolver; the payment amounts are in InvoicePaymentResolver.

  /** The connector's row, for the field resolvers. Not exposed. */
  source!: domain.Invoice;
}

export function toInvoice(invoice: domain.Invoice): Invoice {
  return {
    id: toGlobalId('Invoice', invoice.id),
    number: invoice.number,
    type: invoice.type,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    amount: money(invoice.amount, invoice.currency),
    balance: money(invoice.balance, invoice.currency),
    source: invoice,
  };
}

/** Derives the ERP status: OUTSTANDING while the balance is not zero, as the domain defines it. */
export function invoiceStatus(balance: domain.DecimalString): domain.InvoiceStatus {
  return decimal.isZero(balance) ? 'PAID' : 'OUTSTANDING';
}

@ObjectType({ description: 'One line of an invoice.' })
export class InvoiceLine {
  @Field(() => Int)
  lineNumber!: number;

  @Field(() => String, { nullable: true, description: 'Stock keeping unit, when the line is for an item.' })
  sku!: string | null;

  @Field(() => String)
  description!: string;

  @Field(() => DecimalScalar)
  quantity!: domain.DecimalString;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => Money)
  amount!: Money;
}

export function toInvoiceLine(line: domain.InvoiceLine, currency: domain.CurrencyCode): InvoiceLine {
  return {
    lineNumber: line.lineNumber,
    sku: line.sku,
    description: line.description,
    quantity: line.quantity,
    unitPrice: money(line.unitPrice, currency),
    amount: money(line.amount, currency),
  };
}

@ObjectType()
export class InvoiceEdge {
  @Field(() => String, { description: 'Opaque cursor; pass it as after to get the invoices that follow.' })
  cursor!: string;

  @Field(() => Invoice)
  node!: Invoice;
}

@ObjectType({ description: 'A page of invoices (Relay cursor connection).' })
export class InvoiceConnection {
  @Field(() => [InvoiceEdge])
  edges!: InvoiceEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  // totalCount is a field resolver, so the count query runs only when requested.

  /** The filter of the request, for totalCount. Not exposed. */
  filter!: InvoiceFilterValues;
}

@InputType({ description: 'Conditions an invoice must meet to be listed; all given conditions apply.' })
export class InvoiceFilter {
  @Field(() => InvoiceStatusValues, {
    nullable: true,
    description: 'Status on the ERP balance: OUTSTANDING also lists invoices shown as PAYMENT_PENDING. PAYMENT_PENDING is rejected with BAD_USER_INPUT.',
  })
  status?: PortalInvoiceStatus | null;

  @Field(() => InvoiceTypeValues, { nullable: true })
  type?: domain.InvoiceType | null;

  @Field(() => DateScalar, { nullable: true, description: 'Earliest due date, inclusive.' })
  dueDateFrom?: domain.IsoDate | null;

  @Field(() => DateScalar, { nullable: true, description: 'Latest due date, inclusive.' })
  dueDateTo?: domain.IsoDate | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the invoice number, matched literally and case-insensitively (% and _ are not wildcards).',
  })
  numberContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only outstanding invoices due before the business date.' })
  overdue?: boolean | null;
}

@InputType({ description: 'Sort order of an invoice list; ties are broken by an internal id.' })
export class InvoiceOrder {
  @Field(() => InvoiceSortFieldValues)
  field!: InvoiceSortField;

  @Field(() => SortDirectionValues, { defaultValue: 'ASC' })
  direction!: SortDirection;
}
