import type { Contact, Customer } from '../../connectors/domain';
import type { DirectorySource } from '../../connectors/sources';
import type { Permission } from './permissions';
import { permissionsFor } from './permissions';

/** The signed-in contact with the customer it works for, reloaded from the ERP on every request. */
export interface SignedInViewer {
  contact: Contact;
  customer: Customer;
  permissions: readonly Permission[];
}

/**
 * Loads a contact and its customer, or returns null when either no longer
 * exists or the contact's portal access was revoked in the ERP.
 */
export async function loadViewer(directory: DirectorySource, contactId: string): Promise<SignedInViewer | null> {
  const [contact] = await directory.contactsById([contactId]);
  if (!contact || !contact.portalAccess) {
    return null;
  }

  const [customer] = await directory.customersById([contact.customerId]);
  if (!customer) {
    return null;
  }

  return { contact, customer, permissions: permissionsFor(contact.role) };
}
