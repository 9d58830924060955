/** Path of an order document's download, relative to the gateway's base address; served by http/order-documents.ts. */
export function orderDocumentPath(orderNumber: string, documentId: string): string {
  return `/documents/orders/${encodeURIComponent(orderNumber)}/${encodeURIComponent(documentId)}`;
}
