/**
 * Review of the invoices selected for one online payment: what each still
 * owes, the amount to pay (editable only when partial payments are on), the
 * total, and the button that starts the Stripe Checkout payment.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { toPortalError, type PortalError } from '../client';
import { graphql } from '../gql';
import type { PaymentReviewQuery } from '../gql/graphql';
import { CodedErrorNotice, EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateText, MoneyText } from '../ui/values';
import { checkAmountInput, sumAmounts, toInputText, toScaled } from './amounts';
import { isPayable } from './InvoiceSelection';
import { minimumAmount, usePaymentSettings, type PaymentSettings } from './usePaymentSettings';

const PaymentReviewDocument = graphql(`
  query PaymentReview($numbers: [String!]!) {
    invoicesByNumber(numbers: $numbers) {
      id
      number
      type
      dueDate
      balance {
        amount
        currency
      }
      pendingPaymentAmount {
        amount
        currency
      }
      payableAmount {
        amount
        currency
      }
    }
  }
`);

const PayInvoicesDocument = graphql(`
  mutation PayInvoices($input: PayInvoicesInput!) {
    payInvoices(input: $input) {
      checkoutUrl
      payment {
        id
        status
      }
    }
  }
`);

type ReviewInvoice = NonNullable<PaymentReviewQuery['invoicesByNumber'][number]>;

export function PaymentReviewPage() {
  const [searchParams] = useSearchParams();
  const numbers = [...new Set(searchParams.getAll('invoice'))];
  const payments = usePaymentSettings();

  return (
    <>
      <title>Pay invoices · Customer portal</title>
      <p className="breadcrumb">
        <Link to="/invoices">← All invoices</Link>
      </p>
      <h1>Pay invoices</h1>
      {numbers.length === 0 ? (
        <EmptyState>No invoices are selected. Select the invoices to pay in the invoice list.</EmptyState>
      ) : payments.unavailableReason ? (
        <p className="notice payments-unavailable">{payments.unavailableReason}</p>
      ) : payments.settings && payments.canPay ? (
        <ReviewLoader numbers={numbers} settings={payments.settings} />
      ) : payments.settings ? (
        <EmptyState>Your role cannot pay invoices online.</EmptyState>
      ) : (
        <Loading label="Loading payment settings…" />
      )}
    </>
  );
}

function ReviewLoader({ numbers, settings }: { numbers: string[]; settings: PaymentSettings }) {
  // Always fresh: the amounts still payable change as payments complete.
  const [{ data, error }, reexecute] = useQuery({ query: PaymentReviewDocument, variables: { numbers }, requestPolicy: 'network-only' });

  if (error) {
    return <ErrorNotice error={error} forbiddenSubject="invoices" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  }
  if (!data) {
    return <Loading label="Loading the invoices…" />;
  }

  const found = data.invoicesByNumber.filter((invoice): invoice is ReviewInvoice => invoice !== null);
  const missing = numbers.filter((number) => !found.some((invoice) => invoice.number === number));
  const payable = found.filter(isPayable);
  const settled = found.filter((invoice) => !isPayable(invoice));

  return (
    <>
      {missing.length > 0 ? <p className="notice">Not found and left out: {missing.join(', ')}.</p> : null}
      {settled.length > 0 ? (
        <p className="notice">Nothing left to pay online, so left out: {settled.map((invoice) => invoice.number).join(', ')}.</p>
      ) : null}
      {payable.length === 0 ? (
        <EmptyState>None of the selected invoices can be paid online now.</EmptyState>
      ) : (
        <ReviewForm invoices={payable} settings={settings} />
      )}
    </>
  );
}

interface ReviewFormProps {
  invoices: ReviewInvoice[];
  settings: PaymentSettings;
}

function ReviewForm({ invoices, settings }: ReviewFormProps) {
  const [{ fetching }, payInvoices] = useMutation(PayInvoicesDocument);
  const [amountTexts, setAmountTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(invoices.map((invoice) => [invoice.number, toInputText(invoice.payableAmount.amount, invoice.payableAmount.currency)])),
  );
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<PortalError | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  // A ref, unlike state, is set before a second click in the same frame can read it.
  const submitting = useRef(false);

  const currency = invoices[0]?.payableAmount.currency ?? 'USD';
  const minimum = minimumAmount(settings, currency);
  const checks = invoices.map((invoice) => ({
    invoice,
    check: settings.allowPartialPayments
      ? checkAmountInput(amountTexts[invoice.number] ?? '', { currency, max: invoice.payableAmount.amount, minimum })
      : ({ ok: true, amount: invoice.payableAmount.amount } as const),
  }));
  const total = sumAmounts(checks.map(({ check }) => (check.ok ? check.amount : '0')));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current || redirecting) {
      return;
    }

    const errors = Object.fromEntries(checks.flatMap(({ invoice, check }) => (check.ok ? [] : [[invoice.number, check.message]])));
    setRowErrors(errors);
    setServerError(null);
    if (Object.keys(errors).length > 0) {
      return;
    }

    submitting.current = true;
    try {
      // An amount goes along only when it differs from what is still open;
      // otherwise the gateway charges whatever is open when it starts the payment.
      const lines = checks.map(({ invoice, check }) =>
        check.ok && toScaled(check.amount) !== toScaled(invoice.payableAmount.amount) ? { number: invoice.number, amount: check.amount } : { number: invoice.number },
      );
      const result = await payInvoices({ input: { invoices: lines } });
      const checkoutUrl = result.data?.payInvoices.checkoutUrl;
      if (checkoutUrl) {
        setRedirecting(true);
        window.location.assign(checkoutUrl);
        return;
      }
      setServerError(result.error ? rowOrFormError(result.error, invoices, setRowErrors) : { code: 'UNKNOWN', message: 'The payment could not be started. Try again in a moment.' });
    } finally {
      submitting.current = false;
    }
  }

  const busy = fetching || redirecting;
  return (
    <form className="form payment-review" onSubmit={handleSubmit} noValidate>
      <div className="table-scroll" role="region" aria-label="Invoices to pay" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Due date</th>
              <th scope="col" className="numeric">
                Balance
              </th>
              <th scope="col" className="numeric">
                Payment pending
              </th>
              <th scope="col" className="numeric">
                Amount to pay
              </th>
            </tr>
          </thead>
          <tbody>
            {checks.map(({ invoice }) => (
              <tr key={invoice.id}>
                <th scope="row">
                  <Link to={`/invoices/${encodeURIComponent(invoice.number)}`}>{invoice.number}</Link>
                </th>
                <td>
                  <DateText date={invoice.dueDate} />
                </td>
                <td className="numeric">
                  <MoneyText money={invoice.balance} />
                </td>
                <td className="numeric">
                  <MoneyText money={invoice.pendingPaymentAmount} />
                </td>
                <td className="numeric">
                  {settings.allowPartialPayments ? (
                    <AmountInput
                      number={invoice.number}
                      currency={currency}
                      value={amountTexts[invoice.number] ?? ''}
                      error={rowErrors[invoice.number]}
                      onChange={(text) => setAmountTexts((current) => ({ ...current, [invoice.number]: text }))}
                    />
                  ) : (
                    <MoneyText money={invoice.payableAmount} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td className="numeric payment-total">
                <MoneyText money={{ amount: total, currency }} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      {settings.allowPartialPayments ? (
        <p className="field-hint">
          You can pay part of an invoice
          {minimum ? (
            <>
              , at least <MoneyText money={{ amount: minimum, currency }} />
            </>
          ) : null}
          .
        </p>
      ) : null}
      <p className="field-hint">You pay on Stripe's secure payment page and then come back here.</p>

      {serverError ? (
        serverError.code === 'BAD_USER_INPUT' ? (
          <p className="form-error" role="alert">
            {serverError.message}
          </p>
        ) : (
          <CodedErrorNotice error={serverError} forbiddenSubject="paying invoices" />
        )
      ) : null}

      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Opening the payment page…' : 'Pay now'}
      </button>
    </form>
  );
}

interface AmountInputProps {
  number: string;
  currency: string;
  value: string;
  error: string | undefined;
  onChange(text: string): void;
}

function AmountInput({ number, currency, value, error, onChange }: AmountInputProps) {
  const errorId = `amount-error-${number}`;
  return (
    <div className="amount-input">
      <input
        type="text"
        inputMode="decimal"
        aria-label={`Amount to pay for invoice ${number} in ${currency}`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Puts a BAD_USER_INPUT that names one invoice ("input.invoices.2.amount")
 * next to that invoice's row as well, and returns the error for the form.
 */
function rowOrFormError(
  error: Parameters<typeof toPortalError>[0],
  invoices: readonly ReviewInvoice[],
  setRowErrors: (errors: Record<string, string>) => void,
): PortalError {
  const coded = toPortalError(error);
  const index = /^input\.invoices\.(\d+)\./.exec(coded.argumentName ?? '')?.[1];
  const invoice = index === undefined ? undefined : invoices[Number(index)];
  if (coded.code === 'BAD_USER_INPUT' && invoice) {
    setRowErrors({ [invoice.number]: coded.message });
  }
  return coded;
}
