/**
 * Demo Accounts, Contacts, Cases and comments for the ERP's demo customers
 * (C-10001 Acme Corporation, C-10002 Globex GmbH, C-10003 Initech K.K.),
 * dated back from a base day so that the dashboard's "last 30 days" count
 * has something to show. The same base day always gives the same data.
 */
import { portalAuthorLine } from '../case-records';
import type { FakeData } from './data';

interface DemoCase {
  subject: string;
  description: string;
  status: string;
  priority: string;
  daysAgo: number;
  /** Published comments; `portal` ones are written by the contact through the portal. */
  comments?: { body: string; portal?: boolean; daysAgo: number }[];
  /** Internal notes (IsPublished = false), which the portal must never show. */
  internalNotes?: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function seedDemoData(data: FakeData, users: { integrationUserId: string; supportUserId: string }, baseDate: Date): void {
  const base = Date.UTC(baseDate.getUTCFullYear(), baseDate.getUTCMonth(), baseDate.getUTCDate(), 9, 0, 0);
  const at = (daysAgo: number, hour = 0): Date => new Date(base - daysAgo * DAY_MS + hour * 60 * 60 * 1000);

  const [acme, globex, initech] = data.addAccounts([
    { name: 'Acme Corporation', customerNumber: 'C-10001' },
    { name: 'Globex GmbH', customerNumber: 'C-10002' },
    { name: 'Initech K.K.', customerNumber: 'C-10003' },
    { name: 'Umbrella Holdings', customerNumber: null },
  ]);
  if (acme === undefined || globex === undefined || initech === undefined) {
    throw new Error('Demo Accounts were not created.');
  }

  const contacts = data.addContacts([
    { accountId: acme.Id, firstName: 'Alice', lastName: 'Anderson', email: 'alice@acme.example' },
    { accountId: acme.Id, firstName: 'Erin', lastName: 'Evans', email: 'erin@acme.example' },
    { accountId: globex.Id, firstName: 'Bob', lastName: 'Becker', email: 'bob@globex.example' },
    { accountId: initech.Id, firstName: 'Carol', lastName: 'Chen', email: 'carol@initech.example' },
  ]);
  const contactByEmail = new Map(contacts.map((contact) => [String(contact.Email), contact]));

  const add = (accountId: string, contactEmail: string, contactName: string, cases: DemoCase[]): void => {
    const contact = contactByEmail.get(contactEmail);
    for (const demo of cases) {
      const closed = demo.status === 'Closed';
      const lastActivity = Math.min(demo.daysAgo, ...(demo.comments ?? []).map((comment) => comment.daysAgo));
      const [created] = data.addCases([
        {
          accountId,
          subject: demo.subject,
          description: demo.description,
          status: demo.status,
          priority: demo.priority,
          origin: 'Web',
          isClosed: closed,
          contactId: contact?.Id ?? null,
          suppliedEmail: contact === undefined ? contactEmail : null,
          suppliedName: contact === undefined ? contactName : null,
          createdDate: at(demo.daysAgo),
          lastModifiedDate: at(lastActivity, 2),
          closedDate: closed ? at(lastActivity, 2) : null,
        },
      ]);
      if (created === undefined) {
        continue;
      }

      data.addComments([
        ...(demo.comments ?? []).map((comment, index) => ({
          caseId: created.Id,
          body: comment.portal === true ? portalAuthorLine(contactName, contactEmail) + comment.body : comment.body,
          published: true,
          createdById: comment.portal === true ? users.integrationUserId : users.supportUserId,
          createdDate: at(comment.daysAgo, 1 + index),
        })),
        ...(demo.internalNotes ?? []).map((note, index) => ({
          caseId: created.Id,
          body: note,
          published: false,
          createdById: users.supportUserId,
          createdDate: at(demo.daysAgo, 3 + index),
        })),
      ]);
    }
  };

  add(acme.Id, 'alice@acme.example', 'Alice Anderson', [
    {
      subject: 'Invoice INV-2024-0042 shows the wrong VAT rate',
      description: 'The invoice applies 19% VAT, but our contract says 7% for these items.',
      status: 'Working',
      priority: 'High',
      daysAgo: 3,
      comments: [
        { body: 'Thanks for reporting this. Our billing team is checking the tax codes on the order.', daysAgo: 2 },
        { body: 'The order was PO-7781, if that helps.', portal: true, daysAgo: 2 },
      ],
      internalNotes: ['Tax code TX07 missing on the item master; ask finance before reissuing.'],
    },
    {
      subject: 'Delivery of order SO-1007 arrived damaged',
      description: 'Two of the twelve boxes were crushed. Photos are attached to the delivery note.',
      status: 'Waiting on Customer',
      priority: 'Medium',
      daysAgo: 9,
      comments: [{ body: 'Sorry about that. Could you send us the carrier\'s damage report number?', daysAgo: 8 }],
    },
    {
      subject: 'Request for a copy of the 2025 price list',
      description: 'Please send the current price list for spare parts.',
      status: 'Closed',
      priority: 'Low',
      daysAgo: 45,
      comments: [{ body: 'The price list is attached to your account documents now.', daysAgo: 44 }],
    },
    {
      subject: 'Portal login for a new colleague',
      description: 'Dave Davis joined our purchasing team and needs portal access.',
      status: 'New',
      priority: 'Medium',
      daysAgo: 1,
    },
    {
      subject: 'Escalation: repeated late deliveries',
      description: 'The last three deliveries were each more than a week late.',
      status: 'Escalated',
      priority: 'High',
      daysAgo: 14,
      internalNotes: ['Account manager informed; review carrier contract.'],
    },
    {
      subject: 'Question about payment terms',
      description: 'Can we move from 30 to 45 days payment terms?',
      status: 'Closed',
      priority: 'Low',
      daysAgo: 70,
    },
  ]);

  add(globex.Id, 'bob@globex.example', 'Bob Becker', [
    {
      subject: 'Ersatzteil 4711 nicht lieferbar',
      description: 'Part 4711 shows as unavailable; when will it be back in stock?',
      status: 'On Hold',
      priority: 'Medium',
      daysAgo: 6,
      comments: [{ body: 'We are waiting for the manufacturer\'s confirmation of the next batch.', daysAgo: 5 }],
    },
    {
      subject: 'Credit memo for returned goods',
      description: 'We returned 5 units of item 1203 and expect a credit memo.',
      status: 'Working',
      priority: 'High',
      daysAgo: 12,
    },
    {
      subject: 'Change of delivery address',
      description: 'Please deliver to our new warehouse in Leipzig from next month.',
      status: 'Closed',
      priority: 'Low',
      daysAgo: 33,
    },
  ]);

  add(initech.Id, 'carol@initech.example', 'Carol Chen', [
    {
      subject: 'TPS report template for invoices',
      description: 'Could invoices include our internal cost centre on each line?',
      status: 'New',
      priority: 'Low',
      daysAgo: 4,
    },
    {
      subject: 'Duplicate invoice received',
      description: 'We received invoice INV-2024-0188 twice by post.',
      status: 'Closed',
      priority: 'Medium',
      daysAgo: 20,
      comments: [{ body: 'The second copy was a reprint; there is only one invoice to pay.', daysAgo: 19 }],
    },
  ]);
}
