/**
 * Access checks that every resolver of customer data starts with. A missing
 * viewer fails with UNAUTHENTICATED; a role without the permission fails with
 * FORBIDDEN on that field only.
 */
import type { Permission } from '../auth/permissions';
import type { SignedInViewer } from '../auth/viewer';
import { forbidden, unauthenticated } from '../errors';
import type { GatewayContext } from './context';
import type { Loaders } from './loaders';

export interface SignedInContext {
  viewer: SignedInViewer;
  loaders: Loaders;
}

export function requireViewer(context: GatewayContext): SignedInContext {
  if (context.viewer === null || context.loaders === null) {
    throw unauthenticated();
  }
  return { viewer: context.viewer, loaders: context.loaders };
}

export function requirePermission(context: GatewayContext, permission: Permission): SignedInContext {
  const signedIn = requireViewer(context);
  if (!signedIn.viewer.permissions.includes(permission)) {
    throw forbidden(permission, signedIn.viewer.contact.role);
  }
  return signedIn;
}
