/**
 * Fixed reference data of the demo ERP: customers, contacts, the item
 * catalogue, carriers and the texts of support cases.
 */
import type { ContactRole } from '../../domain';

export interface DemoCustomer {
  id: number;
  number: string;
  name: string;
  currency: 'USD' | 'EUR' | 'JPY';
  /** Fraction digits of the currency's minor unit: cents, or whole yen. */
  minorDigits: 2 | 0;
  salesforceAccountId: string | null;
  /** Carriers this customer's orders ship with. */
  carriers: readonly Carrier[];
}

export type Carrier = 'UPS' | 'FedEx' | 'USPS' | 'DHL';

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    id: 1,
    number: 'C-10001',
    name: 'Acme Corporation',
    currency: 'USD',
    minorDigits: 2,
    salesforceAccountId: '001Dn000001AcmeAAA',
    carriers: ['UPS', 'FedEx', 'USPS'],
  },
  {
    id: 2,
    number: 'C-10002',
    name: 'Globex GmbH',
    currency: 'EUR',
    minorDigits: 2,
    salesforceAccountId: '001Dn000002GlbxAAC',
    carriers: ['DHL', 'UPS'],
  },
  {
    id: 3,
    number: 'C-10003',
    name: 'Initech K.K.',
    currency: 'JPY',
    minorDigits: 0,
    salesforceAccountId: null,
    carriers: ['DHL', 'FedEx'],
  },
];

/**
 * Customer index of each of ten consecutive documents: Acme 5, Globex 3 and
 * Initech 2, interleaved so even a small data set gives every customer rows.
 */
export const CUSTOMER_ROTATION: readonly number[] = [0, 1, 0, 2, 0, 1, 0, 1, 2, 0];

export interface DemoContact {
  id: number;
  customerId: number;
  email: string;
  fullName: string;
  role: ContactRole;
  portalAccess: boolean;
}

export const DEMO_CONTACTS: readonly DemoContact[] = [
  { id: 1, customerId: 1, email: 'alice@acme.example', fullName: 'Alice Anderson', role: 'ADMIN', portalAccess: true },
  { id: 2, customerId: 1, email: 'erin@acme.example', fullName: 'Erin Evans', role: 'BILLING', portalAccess: true },
  { id: 3, customerId: 1, email: 'dave@acme.example', fullName: 'Dave Dawson', role: 'STANDARD', portalAccess: true },
  { id: 4, customerId: 1, email: 'mallory@acme.example', fullName: 'Mallory Moore', role: 'STANDARD', portalAccess: false },
  { id: 5, customerId: 2, email: 'bob@globex.example', fullName: 'Bob Brown', role: 'ADMIN', portalAccess: true },
  { id: 6, customerId: 2, email: 'gina@globex.example', fullName: 'Gina Gruber', role: 'BILLING', portalAccess: true },
  { id: 7, customerId: 3, email: 'carol@initech.example', fullName: 'Carol Chen', role: 'ADMIN', portalAccess: true },
  { id: 8, customerId: 3, email: 'ken@initech.example', fullName: 'Ken Kato', role: 'STANDARD', portalAccess: true },
];

/** E-mail addresses of the demo contacts that may sign in to the portal. */
export const DEMO_CONTACT_EMAILS: readonly string[] = DEMO_CONTACTS.filter((contact) => contact.portalAccess).map((contact) => contact.email);

export interface CatalogItem {
  itemNumber: string | null;
  description: string;
  /** List price in US cents, from which other currencies are converted. */
  usdCents: number;
  /** True when sold in half units (litres, hours), so quantities like 2.5 occur. */
  halfUnits: boolean;
}

/** Goods that orders contain. */
export const PRODUCTS: readonly CatalogItem[] = [
  { itemNumber: 'RV-1001', description: 'Hydraulic pump assembly, 40 l/min', usdCents: 124_900, halfUnits: false },
  { itemNumber: 'RV-1002', description: 'Control valve block, 4-way', usdCents: 48_650, halfUnits: false },
  { itemNumber: 'RV-1003', description: 'Pressure sensor, 0-400 bar', usdCents: 18_990, halfUnits: false },
  { itemNumber: 'RV-1010', description: 'Drive chain, 5 m', usdCents: 8_575, halfUnits: false },
  { itemNumber: 'RV-1020', description: 'Bearing kit, heavy duty', usdCents: 3_420, halfUnits: false },
  { itemNumber: 'RV-1030', description: 'Filter cartridge, 10 micron', usdCents: 1_295, halfUnits: false },
  { itemNumber: 'RV-1040', description: 'Seal kit for 80 mm cylinder', usdCents: 2_760, halfUnits: false },
  { itemNumber: 'RV-1050', description: 'Hydraulic oil ISO VG 46, per litre', usdCents: 650, halfUnits: true },
  { itemNumber: 'RV-2001', description: 'Conveyor roller, 600 mm', usdCents: 4_480, halfUnits: false },
  { itemNumber: 'RV-2002', description: 'Gear motor, 1.5 kW', usdCents: 93_500, halfUnits: false },
  { itemNumber: 'RV-3001', description: 'Operator panel with 7-inch touch screen', usdCents: 215_000, halfUnits: false },
];

/** Services billed on invoices that belong to no order. */
export const SERVICES: readonly CatalogItem[] = [
  { itemNumber: 'SV-100', description: 'Field service visit, per hour', usdCents: 14_500, halfUnits: true },
  { itemNumber: 'SV-200', description: 'Annual maintenance plan', usdCents: 480_000, halfUnits: false },
  { itemNumber: 'SV-300', description: 'Operator training, per day', usdCents: 120_000, halfUnits: false },
  { itemNumber: null, description: 'Freight and handling', usdCents: 4_500, halfUnits: false },
];

export const SUPPORT_AGENTS: readonly string[] = ['Sam Rivera', 'Priya Natarajan', 'Jonas Weber', 'Yuki Tanaka'];

export interface CaseTemplate {
  /** "{order}" is replaced by one of the customer's order numbers. */
  subject: string;
  description: string;
}

export const CASE_TEMPLATES: readonly CaseTemplate[] = [
  {
    subject: 'Damaged goods on delivery of {order}',
    description: 'Two cartons of {order} arrived crushed and one valve block has a cracked housing. Photos are attached. Please arrange a replacement.',
  },
  {
    subject: 'Tracking for {order} has not updated for days',
    description: 'The carrier page still shows "label created" for our shipment of {order}. Can you confirm it left your warehouse?',
  },
  {
    subject: 'Missing items in shipment for {order}',
    description: 'The delivery for {order} contained the pumps but not the seal kits listed on the packing slip.',
  },
  {
    subject: 'Request to move the delivery date of {order}',
    description: 'Our site will be closed next week. Could the remaining items of {order} ship one week later?',
  },
  {
    subject: 'Unit price on the latest invoice differs from our quote',
    description: 'The gear motors were invoiced above the price in our quote. Please check and send a credit memo for the difference.',
  },
  {
    subject: 'Please update our billing address',
    description: 'Our accounts payable team has moved. Please send future invoices to the new address in our letterhead.',
  },
  {
    subject: 'Credit memo not applied to an open invoice',
    description: 'We received a credit memo last month, but the invoice it relates to still shows the full balance.',
  },
  {
    subject: 'Pump leaking after installation',
    description: 'A hydraulic pump installed last week leaks at the pressure port under load. Is a service visit possible?',
  },
  {
    subject: 'Quote needed for spare seal kits',
    description: 'We would like a quote for twenty seal kits for 80 mm cylinders, delivered before the end of the quarter.',
  },
  {
    subject: 'Portal access for a new colleague',
    description: 'A new colleague in purchasing needs access to orders and invoices. What do you need from us?',
  },
];

export const SUPPORT_REPLIES: readonly string[] = [
  'Thank you for reporting this. We have asked the warehouse to check and will update this case within one business day.',
  'We have arranged a replacement shipment; you will receive the tracking number by e-mail.',
  'Our billing team has reviewed the invoice and will issue a credit memo for the difference.',
  'Could you send us the serial number from the type plate, so we can check the warranty?',
  'The change is done. Please let us know if anything else looks wrong.',
];

export const CUSTOMER_REPLIES: readonly string[] = [
  'Thanks, the serial number is on the photo attached to the first message.',
  'We still have not received the replacement. Can you check again?',
  'That solves it, thank you.',
  'Please keep this case open until the goods have arrived.',
];

export const INTERNAL_NOTES: readonly string[] = [
  'Internal: warehouse confirms a short pick on this order; reshipment approved by logistics.',
  'Internal: account is under credit review, check with finance before promising a delivery date.',
  'Internal: carrier claim opened for the damaged cartons.',
  'Internal: price difference confirmed, quote was not updated in the ERP.',
];
