/**
 * GET /documents/invoices/<number>.pdf: the invoice PDF for a signed-in
 * contact whose role may read invoices. An invoice of another customer gets
 * exactly the response for a number that does not exist.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

import type { SessionManager } from '../auth/sessions';
import { ErrorCode } from '../errors';
import type { ErpConnector } from '../../connectors/erp';
import { renderInvoicePdf } from '../pdf/invoice-pdf';
import { viewerFromCookie } from './session-cookie';

export interface DocumentRouteOptions {
  erp: ErpConnector;
  sessions: SessionManager;
  supplierName: string;
}

export function registerDocumentRoutes(app: FastifyInstance, options: DocumentRouteOptions): void {
  const { erp, sessions, supplierName } = options;

  app.get<{ Params: { number: string } }>('/documents/invoices/:number.pdf', async (request, reply) => {
    const viewer = await viewerFromCookie(sessions, request, reply);
    if (viewer === null) {
      return sendError(reply, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to download invoices: no valid session cookie was sent.');
    }
    if (!viewer.permissions.includes('invoices:read')) {
      return sendError(
        reply,
        403,
        ErrorCode.FORBIDDEN,
        `The ${viewer.contact.role} role does not include the permission "invoices:read". Ask your company's portal administrator for access.`,
      );
    }

    // The message leaves the number out, so that the response for another
    // customer's invoice is byte for byte the response for a missing one.
    const customerId = viewer.customer.id;
    const [invoice] = await erp.invoices.invoicesByNumber(customerId, [request.params.number]);
    if (!invoice) {
      return sendError(reply, 404, ErrorCode.NOT_FOUND, 'No invoice of your company has this number. Check the number in the invoice list.');
    }

    const [lines = []] = await erp.invoices.linesByInvoiceId(customerId, [invoice.id]);
    const pdf = await renderInvoicePdf({ supplierName, customer: viewer.customer, invoice, lines });

    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(invoice.number))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ code, message });
}

/** `attachment; filename="INV-100001.pdf"`, with an RFC 6266 UTF-8 name when the number has other characters. */
function contentDisposition(invoiceNumber: string): string {
  const filename = `${invoiceNumber}.pdf`;
  if (/^[A-Za-z0-9._-]+$/.test(filename)) {
    return `attachment; filename="${filename}"`;
  }

  const fallback = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
