/**
 * GET /documents/orders/<order number>/<document id>: the file of an order
 * document, for a signed-in contact whose role may read orders. A document
 * of another customer or of another order gets exactly the response for an
 * id that does not exist. The storage key and the store's address stay on
 * the server: they appear in the log only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { DocumentFileError } from '../../connectors/documents';
import type { OrderDocument } from '../../connectors/domain';
import type { ErpConnector } from '../../connectors/erp';
import type { DocumentFileSource, StoredFile } from '../../connectors/sources';
import type { SessionManager } from '../auth/sessions';
import { safeContentType } from '../documents/content-type';
import { attachmentDisposition, safeFileName } from '../documents/file-name';
import { ErrorCode } from '../errors';
import { MAX_DOCUMENT_NUMBER_LENGTH } from '../graphql/document-numbers';
import { viewerFromCookie } from './session-cookie';

export interface OrderDocumentRouteOptions {
  erp: ErpConnector;
  sessions: SessionManager;
  files: DocumentFileSource;
}

/** A document id as the ERP connector returns it: a decimal number without leading zeros, up to 19 digits. */
const DOCUMENT_ID = /^(0|[1-9][0-9]{0,18})$/;

// The message leaves the number and id out, so that the response for another
// customer's document is byte for byte the response for a missing one.
const NOT_FOUND_MESSAGE = 'No document of your company has this address. Open the order in the portal and use the link in its Documents list.';

export function registerOrderDocumentRoutes(app: FastifyInstance, options: OrderDocumentRouteOptions): void {
  const { erp, sessions, files } = options;

  app.get<{ Params: { orderNumber: string; documentId: string } }>('/documents/orders/:orderNumber/:documentId', async (request, reply) => {
    const viewer = await viewerFromCookie(sessions, request, reply);
    if (viewer === null) {
      return sendError(reply, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to download order documents: no valid session cookie was sent.');
    }
    if (!viewer.permissions.includes('orders:read')) {
      return sendError(
        reply,
        403,
        ErrorCode.FORBIDDEN,
        `The ${viewer.contact.role} role does not include the permission "orders:read". Ask your company's portal administrator for access.`,
      );
    }

    const document = await findDocument(erp, viewer.customer.id, request.params.orderNumber, request.params.documentId);
    if (document === null) {
      return sendError(reply, 404, ErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    }

    let file: StoredFile;
    try {
      file = await files.open(document);
    } catch (error) {
      if (error instanceof DocumentFileError) {
        return sendFileError(request, reply, document, error);
      }
      throw error;
    }

    void reply
      .header('content-type', safeContentType(document.contentType))
      .header('content-disposition', attachmentDisposition(safeFileName(document.fileName, document.id)))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff');
    if (file.size !== null) {
      void reply.header('content-length', file.size);
    }
    return reply.send(file.stream);
  });
}

/**
 * Finds the document among the documents of the customer's order with that
 * number, or returns null. Values that no document can have return null
 * without a query.
 */
async function findDocument(erp: ErpConnector, customerId: string, orderNumber: string, documentId: string): Promise<OrderDocument | null> {
  if (!DOCUMENT_ID.test(documentId) || orderNumber.length > MAX_DOCUMENT_NUMBER_LENGTH) {
    return null;
  }

  const [order] = await erp.orders.ordersByNumber(customerId, [orderNumber]);
  if (!order) {
    return null;
  }

  const [documents = []] = await erp.orders.documentsByOrderId(customerId, [order.id]);
  return documents.find((document) => document.id === documentId) ?? null;
}

/**
 * Sends the error response for a document whose file cannot be served. Only the viewer's own
 * documents get here, so the response may differ from the 404 above.
 */
function sendFileError(request: FastifyRequest, reply: FastifyReply, document: OrderDocument, error: DocumentFileError): FastifyReply {
  const ids = { documentId: document.id, orderId: document.orderId, problem: error.problem };

  switch (error.problem) {
    case 'NOT_CONFIGURED':
      request.log.warn({ ...ids, err: error, missingSettings: error.settings }, 'Order document download is not configured');
      return sendError(
        reply,
        503,
        ErrorCode.NOT_CONFIGURED,
        `Downloads of this document are not set up on this portal: an operator must configure ${error.settings.join(' and ')}. The gateway log has the details.`,
        { missingSettings: [...error.settings] },
      );

    case 'NOT_FOUND':
    case 'INVALID_KEY':
      // A key that is malformed or leads outside the store is an error in the
      // ERP's data, and may be an attempt to read other files.
      if (error.problem === 'INVALID_KEY') {
        request.log.error({ ...ids, err: error, referenceId: request.id }, 'Order document has an unusable storage key');
      } else {
        request.log.warn({ ...ids, err: error, referenceId: request.id }, 'Order document file is missing from the document store');
      }
      return sendError(
        reply,
        404,
        ErrorCode.NOT_FOUND,
        `The file of this document is not available. Quote reference ${request.id} when you contact support.`,
        { referenceId: request.id },
      );

    default: {
      const unexpected: never = error.problem;
      throw new Error(`Unhandled document file problem ${String(unexpected)}.`, { cause: error });
    }
  }
}

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ code, message, ...extra });
}
