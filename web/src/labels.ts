/** Display labels for the schema's enum values. */
import type {
  ContactRole,
  InvoiceStatus,
  InvoiceType,
  OrderDocumentType,
  OrderStatus,
  PaymentStatus,
  ShipmentStatus,
  TicketPriority,
  TicketStatus,
} from './gql/graphql';

export const invoiceTypeLabels: Record<InvoiceType, string> = {
  INVOICE: 'Invoice',
  CREDIT_MEMO: 'Credit memo',
};

export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  OUTSTANDING: 'Outstanding',
  PAYMENT_PENDING: 'Payment pending',
  PAID: 'Paid',
};

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  CREATED: 'Starting',
  OPEN: 'Waiting for payment',
  PENDING_SETTLEMENT: 'Settling',
  SUCCEEDED: 'Paid',
  FAILED: 'Failed',
  EXPIRED: 'Cancelled or expired',
  REFUNDED: 'Refunded',
};

export const orderStatusLabels: Record<OrderStatus, string> = {
  OPEN: 'Open',
  PARTIALLY_SHIPPED: 'Partially shipped',
  SHIPPED: 'Shipped',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
};

export const orderDocumentTypeLabels: Record<OrderDocumentType, string> = {
  ORDER_CONFIRMATION: 'Order confirmation',
  DELIVERY_NOTE: 'Delivery note',
  PACKING_LIST: 'Packing list',
  CERTIFICATE: 'Certificate',
  DRAWING: 'Drawing',
  OTHER: 'Other',
};

export const shipmentStatusLabels: Record<ShipmentStatus, string> = {
  PENDING: 'Pending',
  IN_TRANSIT: 'In transit',
  DELIVERED: 'Delivered',
};

export const ticketStatusLabels: Record<TicketStatus, string> = {
  NEW: 'New',
  IN_PROGRESS: 'In progress',
  WAITING_ON_CUSTOMER: 'Waiting on you',
  CLOSED: 'Closed',
};

export const ticketPriorityLabels: Record<TicketPriority, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

export const roleLabels: Record<ContactRole, string> = {
  ADMIN: 'Administrator',
  BILLING: 'Billing',
  STANDARD: 'Standard',
};
