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
  OrderStatus,
  ShipmentStatus,
  TicketPriority,
  TicketStatus,
} from '../../../connectors/domain';
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
    ADMIN: { description: 'Invoices, orders and tickets.' },
    BILLING: { description: 'Invoices, orders and tickets.' },
    STANDARD: { description: 'Orders and tickets, but no invoices.' },
  },
});

export const InvoiceTypeValues = { INVOICE: 'INVOICE', CREDIT_MEMO: 'CREDIT_MEMO' } as const satisfies Record<InvoiceType, InvoiceType>;
registerEnumType(InvoiceTypeValues, {
  name: 'InvoiceType',
  valuesConfig: { CREDIT_MEMO: { description: 'A credit; its amount and balance are negative.' } },
});

export const InvoiceStatusValues = { OUTSTANDING: 'OUTSTANDING', PAID: 'PAID' } as const satisfies Record<InvoiceStatus, InvoiceStatus>;
registerEnumType(InvoiceStatusValues, {
  name: 'InvoiceStatus',
  description: 'Derived from the balance.',
  valuesConfig: {
    OUTSTANDING: { description: 'The balance is not zero.' },
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
