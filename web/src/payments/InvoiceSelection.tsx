/** Selecting invoices in the invoice list for one online payment. */
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { formatCount } from '../format';
import { MoneyText, type MoneyValue } from '../ui/values';
import { sumAmounts, toScaled } from './amounts';
import { reviewPath } from './paths';

export interface InvoiceSelection {
  /** Selected invoice numbers with their payable amounts, in the order they were selected. */
  selected: ReadonlyMap<string, MoneyValue>;
  isSelected(number: string): boolean;
  /** False when the invoice is in another currency than the selection, or the selection is full. */
  canSelect(number: string, currency: string): boolean;
  toggle(number: string, payable: MoneyValue, checked: boolean): void;
}

/** True for an invoice that has an amount left to pay online. */
export function isPayable(invoice: { type: string; payableAmount: MoneyValue }): boolean {
  return invoice.type === 'INVOICE' && toScaled(invoice.payableAmount.amount) > 0n;
}

/** Holds the selection of one visit to the invoice list; a new visit starts empty. */
export function useInvoiceSelection(maxInvoices: number): InvoiceSelection {
  const [selected, setSelected] = useState<ReadonlyMap<string, MoneyValue>>(new Map());

  const toggle = useCallback((number: string, payable: MoneyValue, checked: boolean) => {
    setSelected((current) => {
      const next = new Map(current);
      if (checked) {
        next.set(number, payable);
      } else {
        next.delete(number);
      }
      return next;
    });
  }, []);

  return useMemo(() => {
    const currency = selected.values().next().value?.currency;
    return {
      selected,
      isSelected: (number) => selected.has(number),
      canSelect: (number, invoiceCurrency) =>
        selected.has(number) || ((currency === undefined || currency === invoiceCurrency) && selected.size < maxInvoices),
      toggle,
    };
  }, [selected, maxInvoices, toggle]);
}

/** Shows the count and total of the selection, and the button that opens the payment review. */
export function PaySelectionBar({ selection }: { selection: InvoiceSelection }) {
  const navigate = useNavigate();
  const amounts = [...selection.selected.values()];
  const currency = amounts[0]?.currency;

  return (
    <div className="pay-selection" role="group" aria-label="Pay selected invoices">
      <p className="pay-selection-summary" aria-live="polite">
        {amounts.length === 0 ? (
          'Select outstanding invoices to pay them online.'
        ) : (
          <>
            {formatCount(amounts.length)} selected, open amount{' '}
            <MoneyText money={{ amount: sumAmounts(amounts.map((amount) => amount.amount)), currency: currency ?? 'USD' }} />
          </>
        )}
      </p>
      <button
        type="button"
        className="primary"
        disabled={amounts.length === 0}
        onClick={() => navigate(reviewPath([...selection.selected.keys()]))}
      >
        Pay selected invoices
      </button>
    </div>
  );
}
