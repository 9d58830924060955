import type { FastifyBaseLogger } from 'fastify';

import type { SignedInViewer } from '../auth/viewer';
import type { ErpConnector } from '../../connectors/erp';
import type { TicketSource } from '../../connectors/sources';
import type { PaymentsFeature } from '../payments';
import type { Loaders } from './loaders';
import type { PaymentLoaders } from './payment-loaders';

/** Sign-in and sign-out bound to the HTTP request and reply of one GraphQL request. */
export interface RequestAuth {
  /** Checks the credentials, starts a session and sets its cookie; throws UNAUTHENTICATED or RATE_LIMITED. */
  signIn(email: string, password: string): Promise<SignedInViewer>;
  /** Ends the request's session, if any, and clears the cookie. */
  signOut(): Promise<void>;
}

/** Per-request GraphQL context. */
export interface GatewayContext {
  /** Request id, also sent back in the x-request-id header and used as error reference. */
  requestId: string;
  /** Logger with the request id bound. */
  logger: FastifyBaseLogger;
  /** Null when the request has no valid session. */
  viewer: SignedInViewer | null;
  /** Loaders scoped to the viewer's customer; null without a viewer. */
  loaders: Loaders | null;
  erp: ErpConnector;
  /** Support tickets from the source TICKETS_SOURCE chooses; use it instead of `erp.tickets`. */
  tickets: TicketSource;
  /** Click to Pay: its service and settings when on, or the settings whose absence turned it off. */
  payments: PaymentsFeature;
  /** Payment loaders scoped to the viewer's customer; null without a viewer. */
  paymentLoaders: PaymentLoaders | null;
  auth: RequestAuth;
  /** Absolute base address for links such as Invoice.pdfUrl, without a trailing slash. */
  publicBaseUrl: string;
}
