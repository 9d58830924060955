import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery, type CombinedError } from 'urql';
import { errorsAtPath } from '../client';
import { formatCount } from '../format';
import { graphql } from '../gql';
import type { DashboardQuery } from '../gql/graphql';
import { TICKETS_UNAVAILABLE_MESSAGE } from '../tickets/unavailable';
import { CodedErrorNotice, EmptyState, ErrorNotice, Loading } from '../ui/QueryStates';
import { DateText, MoneyText } from '../ui/values';
import { TrendChart } from './TrendChart';

const DashboardPageQuery = graphql(`
  query Dashboard {
    dashboard {
      asOf
      invoices {
        totalSpent {
          amount
          currency
        }
        currentBalance {
          amount
          currency
        }
        overdueBalance {
          amount
          currency
        }
        outstandingCount
        overdueCount
        pendingPaymentAmount {
          amount
          currency
        }
        pendingPaymentCount
        trend(months: 12) {
          month
          invoiced {
            amount
            currency
          }
          paid {
            amount
            currency
          }
        }
      }
      tickets {
        open
        closed
        createdLast30Days
      }
      orders {
        open
        closed
        placedLast30Days
      }
    }
  }
`);

type Dashboard = DashboardQuery['dashboard'];

export function DashboardPage() {
  // Creating a ticket changes the counts without touching a type this query
  // contains, so the document cache would keep stale figures: refetch each time.
  const [{ data, error }, reexecute] = useQuery({ query: DashboardPageQuery, requestPolicy: 'cache-and-network' });
  const retry = () => reexecute({ requestPolicy: 'network-only' });

  let content: ReactNode;
  if (data?.dashboard) {
    content = <DashboardPanels dashboard={data.dashboard} error={error} onRetry={retry} />;
  } else if (error) {
    content = <ErrorNotice error={error} forbiddenSubject="the dashboard" onRetry={retry} />;
  } else {
    content = <Loading label="Loading the dashboard…" />;
  }

  return (
    <>
      <title>Dashboard · Customer portal</title>
      <div className="page-heading">
        <h1>Dashboard</h1>
        {data?.dashboard ? (
          <p className="as-of">
            As of <DateText date={data.dashboard.asOf} />
          </p>
        ) : null}
      </div>
      {content}
    </>
  );
}

interface DashboardPanelsProps {
  dashboard: Dashboard;
  /** Errors of a partial result, which each panel filters down to its own field. */
  error: CombinedError | undefined;
  onRetry: () => void;
}

function DashboardPanels({ dashboard, error, onRetry }: DashboardPanelsProps) {
  const { invoices, tickets, orders } = dashboard;

  return (
    <>
      <div className="panels">
        <Panel title="Invoices" link={invoices ? { to: '/invoices', label: 'View invoices' } : undefined}>
          {invoices ? (
            <dl className="figures">
              <Figure label="Total spent">
                <MoneyText money={invoices.totalSpent} />
              </Figure>
              <Figure label="Current balance">
                <MoneyText money={invoices.currentBalance} />
              </Figure>
              <Figure label="Overdue balance">
                <MoneyText money={invoices.overdueBalance} />
              </Figure>
              <Figure label="Outstanding invoices">{formatCount(invoices.outstandingCount)}</Figure>
              <Figure label="Overdue invoices">
                {invoices.overdueCount > 0 ? (
                  <Link to="/invoices?overdue=1">{formatCount(invoices.overdueCount)}</Link>
                ) : (
                  formatCount(invoices.overdueCount)
                )}
              </Figure>
              {invoices.pendingPaymentCount > 0 ? (
                <Figure label="Payment pending">
                  <MoneyText money={invoices.pendingPaymentAmount} /> on {formatCount(invoices.pendingPaymentCount)}{' '}
                  {invoices.pendingPaymentCount === 1 ? 'invoice' : 'invoices'}
                </Figure>
              ) : null}
            </dl>
          ) : (
            <PanelError error={error} field="invoices" subject="invoices" onRetry={onRetry} />
          )}
        </Panel>

        <Panel title="Support tickets" link={tickets ? { to: '/tickets', label: 'View tickets' } : undefined}>
          {tickets ? (
            <dl className="figures">
              <Figure label="Open tickets">{formatCount(tickets.open)}</Figure>
              <Figure label="Closed tickets">{formatCount(tickets.closed)}</Figure>
              <Figure label="Created in the last 30 days">{formatCount(tickets.createdLast30Days)}</Figure>
            </dl>
          ) : (
            <PanelError error={error} field="tickets" subject="support tickets" onRetry={onRetry} unavailableMessage={TICKETS_UNAVAILABLE_MESSAGE} />
          )}
        </Panel>

        <Panel title="Orders" link={orders ? { to: '/orders', label: 'View orders' } : undefined}>
          {orders ? (
            <dl className="figures">
              <Figure label="Open orders">{formatCount(orders.open)}</Figure>
              <Figure label="Closed orders">{formatCount(orders.closed)}</Figure>
              <Figure label="Placed in the last 30 days">{formatCount(orders.placedLast30Days)}</Figure>
            </dl>
          ) : (
            <PanelError error={error} field="orders" subject="orders" onRetry={onRetry} />
          )}
        </Panel>
      </div>

      {invoices ? (
        <section className="panel trend" aria-labelledby="trend-heading">
          <h2 id="trend-heading">Invoiced and paid, last 12 months</h2>
          {invoices.trend.length > 0 ? (
            <TrendChart points={invoices.trend} currency={invoices.totalSpent.currency} />
          ) : (
            <EmptyState>No invoices in the last 12 months.</EmptyState>
          )}
        </section>
      ) : null}
    </>
  );
}

interface PanelProps {
  title: string;
  link: { to: string; label: string } | undefined;
  children: ReactNode;
}

function Panel({ title, link, children }: PanelProps) {
  const headingId = `panel-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
      {link ? (
        <p className="panel-link">
          <Link to={link.to}>{link.label}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface PanelErrorProps {
  error: CombinedError | undefined;
  field: 'invoices' | 'tickets' | 'orders';
  subject: string;
  onRetry: () => void;
  unavailableMessage?: string;
}

/** Explains why a panel's field came back null while the rest of the dashboard loaded. */
function PanelError({ error, field, subject, onRetry, unavailableMessage }: PanelErrorProps) {
  const [fieldError] = errorsAtPath(error, ['dashboard', field]);
  if (!fieldError) {
    return <EmptyState>These figures are not available.</EmptyState>;
  }
  return <CodedErrorNotice error={fieldError} forbiddenSubject={subject} onRetry={onRetry} unavailableMessage={unavailableMessage} />;
}
