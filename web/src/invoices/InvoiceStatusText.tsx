import type { InvoiceStatus } from '../gql/graphql';
import { invoiceStatusLabels } from '../labels';

/** Shows the invoice status, with an "Overdue" badge for an outstanding invoice past its due date. */
export function InvoiceStatusText({ status, isOverdue }: { status: InvoiceStatus; isOverdue: boolean }) {
  return (
    <span className={`status status-${status.toLowerCase()}`}>
      {invoiceStatusLabels[status]}
      {isOverdue ? (
        <>
          {' '}
          <span className="badge badge-overdue">Overdue</span>
        </>
      ) : null}
    </span>
  );
}
