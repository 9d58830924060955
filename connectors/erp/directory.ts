/**
 * Customers, contacts and the business date. These lookups are not limited to
 * one customer: sign-in resolves a contact by e-mail before any customer is known.
 */
import { sql, type Kysely } from 'kysely';

import type { DirectorySource } from '../sources';
import { isIdString, type Database } from '../sql';
import { loadOne } from './batch';
import type { ErpDatabase } from './contract';
import { contactFromRow, contactSelection, customerFromRow, customerSelection } from './rows';

export function createDirectorySource(database: Database): DirectorySource {
  const db = database.db as Kysely<ErpDatabase>;
  const { adapter } = database;
  const normaliseId = (id: string) => (isIdString(id) ? BigInt(id).toString() : null);

  return {
    async contactsByEmail(emails) {
      return loadOne(emails, {
        normalise: (email) => email.toLowerCase(),
        fetch: async (chunk) => {
          // NOTE: should one address belong to contacts of several customers,
          // the contact with the lowest id wins, because loadOne keeps the first row.
          const rows = await db
            .selectFrom('erp_contacts')
            .select(contactSelection)
            .where(sql`LOWER(${sql.ref('erp_contacts.email')})`, 'in', chunk)
            .orderBy('erp_contacts.id')
            .execute();
          return rows.map((row) => contactFromRow(adapter, row));
        },
        keyOf: (contact) => contact.email.toLowerCase(),
      });
    },

    async contactsById(ids) {
      return loadOne(ids, {
        normalise: normaliseId,
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_contacts')
            .select(contactSelection)
            .where('erp_contacts.id', 'in', chunk.map(adapter.idParameter))
            .execute();
          return rows.map((row) => contactFromRow(adapter, row));
        },
        keyOf: (contact) => contact.id,
      });
    },

    async customersById(ids) {
      return loadOne(ids, {
        normalise: normaliseId,
        fetch: async (chunk) => {
          const rows = await db
            .selectFrom('erp_customers')
            .select(customerSelection)
            .where('erp_customers.id', 'in', chunk.map(adapter.idParameter))
            .execute();
          return rows.map((row) => customerFromRow(adapter, row));
        },
        keyOf: (customer) => customer.id,
      });
    },

    async businessDate() {
      const row = await db
        .selectFrom('erp_business_date')
        .select(adapter.dateText(sql`MAX(${sql.ref('erp_business_date.business_date')})`).as('business_date'))
        .executeTakeFirst();
      if (row === undefined || row.business_date === null) {
        throw new Error('The ERP has no business date: erp_business_date must contain one row (the demo seed inserts it).');
      }
      return adapter.readDate(row.business_date);
    },
  };
}
