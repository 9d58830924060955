import type { ContactRole } from '../../connectors/domain';

export type Permission = 'invoices:read' | 'invoices:pay' | 'orders:read' | 'tickets:read' | 'tickets:write';

/**
 * Permissions of each portal role. STANDARD contacts see orders and tickets
 * but no invoices, and cannot pay invoices online.
 */
const ROLE_PERMISSIONS: Record<ContactRole, readonly Permission[]> = {
  ADMIN: ['invoices:read', 'invoices:pay', 'orders:read', 'tickets:read', 'tickets:write'],
  BILLING: ['invoices:read', 'invoices:pay', 'orders:read', 'tickets:read', 'tickets:write'],
  STANDARD: ['orders:read', 'tickets:read', 'tickets:write'],
};

export function permissionsFor(role: ContactRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function hasPermission(role: ContactRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
