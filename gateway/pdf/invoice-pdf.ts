/**
 * Renders an invoice or credit memo as a one-or-more page A4 PDF with pdfkit.
 * Text uses the standard Helvetica fonts, which cover Latin-1 only; other
 * characters in ERP text print as pdfkit's replacement glyphs.
 */
import PDFDocument from 'pdfkit';

import type { Customer, Invoice, InvoiceLine } from '../../connectors/domain';
import { formatAmount, formatQuantity } from './format';

export interface InvoicePdfInput {
  supplierName: string;
  customer: Customer;
  invoice: Invoice;
  lines: readonly InvoiceLine[];
}

const MARGIN = 50;
const PAGE_BOTTOM = 842 - MARGIN - 40;

// Table columns: x position and width, in points.
const COLUMNS = {
  line: { x: MARGIN, width: 30 },
  description: { x: MARGIN + 30, width: 190 },
  sku: { x: MARGIN + 225, width: 70 },
  quantity: { x: MARGIN + 300, width: 50 },
  unitPrice: { x: MARGIN + 355, width: 70 },
  amount: { x: MARGIN + 430, width: 65 },
} as const;

export function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { supplierName, customer, invoice, lines } = input;
  const title = invoice.type === 'CREDIT_MEMO' ? 'Credit memo' : 'Invoice';

  const document = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${title} ${invoice.number}`, Author: supplierName, Subject: `${title} ${invoice.number} for ${customer.name}` },
  });

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  drawHeader(document, supplierName, title, invoice);
  drawParties(document, customer, invoice);
  drawLines(document, lines, invoice.currency);
  drawTotals(document, invoice);

  document.end();
  return finished;
}

function drawHeader(document: PDFKit.PDFDocument, supplierName: string, title: string, invoice: Invoice): void {
  document.font('Helvetica-Bold').fontSize(18).text(supplierName, MARGIN, MARGIN);
  document.font('Helvetica').fontSize(9).fillColor('#555555').text('Issued through the customer portal', MARGIN, MARGIN + 24);

  document.fillColor('#000000').font('Helvetica-Bold').fontSize(16).text(`${title} ${invoice.number}`, MARGIN, MARGIN + 60);
}

function drawParties(document: PDFKit.PDFDocument, customer: Customer, invoice: Invoice): void {
  const top = MARGIN + 95;

  document.font('Helvetica-Bold').fontSize(10).text('Bill to', MARGIN, top);
  document.font('Helvetica').text(customer.name, MARGIN, top + 14);
  document.text(`Customer number ${customer.number}`, MARGIN, top + 28);

  const labelX = MARGIN + 300;
  const valueX = MARGIN + 400;
  const rows: [string, string][] = [
    ['Type', invoice.type === 'CREDIT_MEMO' ? 'Credit memo' : 'Invoice'],
    ['Invoice date', invoice.invoiceDate],
    ['Due date', invoice.dueDate],
    ['Currency', invoice.currency],
  ];
  rows.forEach(([label, value], index) => {
    document.font('Helvetica-Bold').text(label, labelX, top + index * 14);
    document.font('Helvetica').text(value, valueX, top + index * 14);
  });
}

function drawLines(document: PDFKit.PDFDocument, lines: readonly InvoiceLine[], currency: string): void {
  let y = MARGIN + 170;
  y = drawTableHeader(document, y);

  document.font('Helvetica').fontSize(9);
  for (const line of lines) {
    const descriptionHeight = document.heightOfString(line.description, { width: COLUMNS.description.width });
    if (y + descriptionHeight > PAGE_BOTTOM) {
      document.addPage();
      y = drawTableHeader(document, MARGIN);
      document.font('Helvetica').fontSize(9);
    }

    document.text(String(line.lineNumber), COLUMNS.line.x, y, { width: COLUMNS.line.width });
    document.text(line.description, COLUMNS.description.x, y, { width: COLUMNS.description.width });
    document.text(line.sku ?? '', COLUMNS.sku.x, y, { width: COLUMNS.sku.width });
    document.text(formatQuantity(line.quantity), COLUMNS.quantity.x, y, { width: COLUMNS.quantity.width, align: 'right' });
    document.text(formatAmount(line.unitPrice, currency), COLUMNS.unitPrice.x, y, { width: COLUMNS.unitPrice.width, align: 'right' });
    document.text(formatAmount(line.amount, currency), COLUMNS.amount.x, y, { width: COLUMNS.amount.width, align: 'right' });
    y += Math.max(descriptionHeight, 12) + 4;
  }

  document.y = y;
}

function drawTableHeader(document: PDFKit.PDFDocument, y: number): number {
  document.font('Helvetica-Bold').fontSize(9);
  document.text('#', COLUMNS.line.x, y, { width: COLUMNS.line.width });
  document.text('Description', COLUMNS.description.x, y, { width: COLUMNS.description.width });
  document.text('SKU', COLUMNS.sku.x, y, { width: COLUMNS.sku.width });
  document.text('Quantity', COLUMNS.quantity.x, y, { width: COLUMNS.quantity.width, align: 'right' });
  document.text('Unit price', COLUMNS.unitPrice.x, y, { width: COLUMNS.unitPrice.width, align: 'right' });
  document.text('Amount', COLUMNS.amount.x, y, { width: COLUMNS.amount.width, align: 'right' });

  const ruleY = y + 14;
  document.moveTo(MARGIN, ruleY).lineTo(MARGIN + 495, ruleY).lineWidth(0.5).stroke();
  return ruleY + 6;
}

function drawTotals(document: PDFKit.PDFDocument, invoice: Invoice): void {
  let y = document.y + 10;
  if (y + 50 > PAGE_BOTTOM) {
    document.addPage();
    y = MARGIN;
  }

  document.moveTo(MARGIN + 300, y).lineTo(MARGIN + 495, y).lineWidth(0.5).stroke();
  y += 8;

  const rows: [string, string][] = [
    ['Total', `${formatAmount(invoice.amount, invoice.currency)} ${invoice.currency}`],
    ['Balance due', `${formatAmount(invoice.balance, invoice.currency)} ${invoice.currency}`],
  ];
  document.fontSize(10);
  for (const [label, value] of rows) {
    document.font('Helvetica-Bold').text(label, MARGIN + 300, y, { width: 90 });
    document.font('Helvetica').text(value, MARGIN + 390, y, { width: 105, align: 'right' });
    y += 16;
  }
}
