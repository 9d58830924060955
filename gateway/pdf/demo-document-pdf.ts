/**
 * Renders a one-page PDF in place of an order document's file, for demo
 * ERP data whose storage keys ("demo/orders/<order id>/<file name>") point
 * at no real store. Text uses the standard Helvetica fonts (Latin-1 only).
 */
import PDFDocument from 'pdfkit';

import type { OrderDocument, OrderDocumentType } from '../../connectors/domain';

const MARGIN = 50;

const TYPE_NAMES: Record<OrderDocumentType, string> = {
  ORDER_CONFIRMATION: 'Order confirmation',
  DELIVERY_NOTE: 'Delivery note',
  PACKING_LIST: 'Packing list',
  CERTIFICATE: 'Certificate',
  DRAWING: 'Drawing',
  OTHER: 'Document',
};

export function renderDemoDocumentPdf(supplierName: string, document: OrderDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: document.title, Author: supplierName, Subject: `${TYPE_NAMES[document.type]} (demo file)` },
  });

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('Helvetica-Bold').fontSize(18).text(supplierName, MARGIN, MARGIN);
  pdf.font('Helvetica').fontSize(9).fillColor('#555555').text('Issued through the customer portal', MARGIN, MARGIN + 24);
  pdf.fillColor('#000000').font('Helvetica-Bold').fontSize(16).text(document.title, MARGIN, MARGIN + 60);

  const rows: [string, string][] = [
    ['Type', TYPE_NAMES[document.type]],
    ['Date', document.createdDate],
    ['File name', document.fileName],
  ];
  rows.forEach(([label, value], index) => {
    const y = MARGIN + 100 + index * 16;
    pdf.font('Helvetica-Bold').fontSize(10).text(label, MARGIN, y);
    pdf.font('Helvetica').text(value, MARGIN + 100, y);
  });

  pdf
    .font('Helvetica-Oblique')
    .fontSize(9)
    .fillColor('#555555')
    .text('Demo file: the portal generated this page because the demo ERP keeps no document files.', MARGIN, MARGIN + 170);

  pdf.end();
  return finished;
}
