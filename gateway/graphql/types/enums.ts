/**
 * GraphQL enums. Each is built from the domain's string literal union, and
 * `satisfies` makes the compiler fail when the domain gains a value that the
 * schema does not list.
 */
import { registerEnumType } from 'type-graphql';

import type {
  ContactRole,
  InvoiceStatus,
  InvoiceType,
  OrderDocumentType,
  OrderStatus,
  ShipmentStatus,
  TicketPriority,
  TicketStatus,
} from '../../../connectors/domain';
import type { PaymentState } from '../../../connectors/payments';
import type { InvoiceSortField, OrderSortField, SortDirection, TicketSortField } from '../../../connectors/sources';

export const SortDirectionValues = { ASC: 'ASC', DESC: 'DESC' } as const satisfies Record<SortDirection, SortDirection>;
registerEnumType(SortDirectionValues, {
  name: 'SortDirection',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

export const ContactRoleValues = {
  ADMIN: 'ADMIN',
  BILLING: 'BILLING',
  STANDARD: 'STANDARD',
} as const satisfies Record<ContactRole, ContactRole>;
registerEnumType(ContactRoleValues, {
  name: 'ContactRole',
  description: "A contact's portal role, which decides the permissions listed on Viewer.",
  valuesConfig: {
    ADMIN: { description: 'Invoices (and paying them online), orders and tickets.' },
    BILLING: { description: 'Invoices (and paying them online), orders and tickets.' },
    STANDARD: { description: 'Orders and tickets, but no invoices.' },
  },
});

export const InvoiceTypeValues = { INVOICE: 'INVOICE', CREDIT_MEMO: 'CREDIT_MEMO' } as const satisfies Record<InvoiceType, InvoiceType>;
registerEnumType(InvoiceTypeValues, {
  name: 'InvoiceType',
  valuesConfig: { CREDIT_MEMO: { description: 'A credit; its amount and balance are negative.' } },
});

/** The ERP's invoice status plus PAYMENT_PENDING, which the portal derives from its own payment records. */
export type PortalInvoiceStatus = InvoiceStatus | 'PAYMENT_PENDING';

export const InvoiceStatusValues = {
  OUTSTANDING: 'OUTSTANDING',
  PAYMENT_PENDING: 'PAYMENT_PENDING',
  PAID: 'PAID',
} as const satisfies Record<PortalInvoiceStatus, PortalInvoiceStatus>;
registerEnumType(InvoiceStatusValues, {
  name: 'InvoiceStatus',
  description:
    'Derived from the ERP balance and the payments made in this portal. The status filter and the STATUS sort order use the ERP balance alone, so an invoice shown as PAYMENT_PENDING is filtered and sorted as OUTSTANDING.',
  valuesConfig: {
    OUTSTANDING: { description: 'The balance is not zero, and no payment made in this portal holds any of it.' },
    PAYMENT_PENDING: {
      description:
        'The balance is not zero, and payments made in this portal hold part or all of it: a Checkout that is open or settling, or a payment the ERP has not applied yet. Invoice.pendingPaymentAmount gives the amount held, Invoice.payableAmount the rest. Not accepted by the status filter.',
    },
    PAID: { description: 'The balance is zero.' },
  },
});

export const InvoiceSortFieldValues = {
  NUMBER: 'NUMBER',
  INVOICE_DATE: 'INVOICE_DATE',
  DUE_DATE: 'DUE_DATE',
  AMOUNT: 'AMOUNT',
  BALANCE: 'BALANCE',
  STATUS: 'STATUS',
} as const satisfies Record<InvoiceSortField, InvoiceSortField>;
registerEnumType(InvoiceSortFieldValues, { name: 'InvoiceSortField' });

export const OrderStatusValues = {
  OPEN: 'OPEN',
  PARTIALLY_SHIPPED: 'PARTIALLY_SHIPPED',
  SHIPPED: 'SHIPPED',
  CLOSED: 'CLOSED',
  CANCELLED: 'CANCELLED',
} as const satisfies Record<OrderStatus, OrderStatus>;
registerEnumType(OrderStatusValues, { name: 'OrderStatus' });

export const OrderSortFieldValues = {
  NUMBER: 'NUMBER',
  ORDER_DATE: 'ORDER_DATE',
  TOTAL: 'TOTAL',
  STATUS: 'STATUS',
} as const satisfies Record<OrderSortField, OrderSortField>;
registerEnumType(OrderSortFieldValues, { name: 'OrderSortField' });

export const ShipmentStatusValues = {
  PENDING: 'PENDING',
  IN_TRANSIT: 'IN_TRANSIT',
  DELIVERED: 'DELIVERED',
} as const satisfies Record<ShipmentStatus, ShipmentStatus>;
registerEnumType(ShipmentStatusValues, { name: 'ShipmentStatus' });

export const OrderDocumentTypeValues = {
  ORDER_CONFIRMATION: 'ORDER_CONFIRMATION',
  DELIVERY_NOTE: 'DELIVERY_NOTE',
  PACKING_LIST: 'PACKING_LIST',
  CERTIFICATE: 'CERTIFICATE',
  DRAWING: 'DRAWING',
  OTHER: 'OTHER',
} as const satisfies Record<OrderDocumentType, OrderDocumentType>;
registerEnumType(OrderDocumentTypeValues, {
  name: 'OrderDocumentType',
  description: 'Kind of an order document, as the ERP classifies it.',
  valuesConfig: {
    ORDER_CONFIRMATION: { description: "The supplier's confirmation of the order." },
    DELIVERY_NOTE: { description: 'Note that goes with a shipment.' },
    PACKING_LIST: { description: 'Contents of the packages of a shipment.' },
    CERTIFICATE: { description: 'Certificate for the goods, such as a certificate of conformity or origin.' },
    DRAWING: { description: 'Technical drawing of an ordered item.' },
    OTHER: { description: 'Any other file the ERP attached to the order.' },
  },
});

export const TicketStatusValues = {
  NEW: 'NEW',
  IN_PROGRESS: 'IN_PROGRESS',
  WAITING_ON_CUSTOMER: 'WAITING_ON_CUSTOMER',
  CLOSED: 'CLOSED',
} as const satisfies Record<TicketStatus, TicketStatus>;
registerEnumType(TicketStatusValues, {
  name: 'TicketStatus',
  valuesConfig: { WAITING_ON_CUSTOMER: { description: 'Support asked the customer a question and waits for the answer.' } },
});

export const TicketPriorityValues = { LOW: 'LOW', MEDIUM: 'MEDIUM', HIGH: 'HIGH' } as const satisfies Record<TicketPriority, TicketPriority>;
registerEnumType(TicketPriorityValues, { name: 'TicketPriority' });

export const TicketSortFieldValues = {
  NUMBER: 'NUMBER',
  CREATED_AT: 'CREATED_AT',
  UPDATED_AT: 'UPDATED_AT',
  STATUS: 'STATUS',
  PRIORITY: 'PRIORITY',
} as const satisfies Record<TicketSortField, TicketSortField>;
registerEnumType(TicketSortFieldValues, { name: 'TicketSortField' });

export const PaymentStatusValues = {
  CREATED: 'CREATED',
  OPEN: 'OPEN',
  PENDING_SETTLEMENT: 'PENDING_SETTLEMENT',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  EXPIRED: 'EXPIRED',
  REFUNDED: 'REFUNDED',
} as const satisfies Record<PaymentState, PaymentState>;
registerEnumType(PaymentStatusValues, {
  name: 'PaymentStatus',
  description: 'Where an online payment stands. CREATED, OPEN and PENDING_SETTLEMENT hold the amounts of its invoices; so does SUCCEEDED until the ERP has applied it.',
  valuesConfig: {
    CREATED: { description: 'Recorded; its Stripe Checkout page is being created.' },
    OPEN: { description: 'Waiting for the customer to pay on the Checkout page (Payment.checkoutUrl).' },
    PENDING_SETTLEMENT: { description: 'Paid with a method that settles later, such as a bank debit; the money has not arrived yet.' },
    SUCCEEDED: { description: 'Paid. The portal sends the payment to the ERP, which applies it to the invoices.' },
    FAILED: { description: 'The payment failed or Stripe rejected it; the invoices can be paid again.' },
    EXPIRED: { description: 'Cancelled, or the Checkout page expired unpaid; the invoices can be paid again.' },
    REFUNDED: { description: 'The whole payment was refunded.' },
  },
});
