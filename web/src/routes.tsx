import { createBrowserRouter } from 'react-router';
import { AppLayout } from './app/AppLayout';
import { NotFoundPage } from './app/NotFoundPage';
import { SignInPage } from './auth/SignInPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { InvoiceDetailPage } from './invoices/InvoiceDetailPage';
import { InvoiceListPage } from './invoices/InvoiceListPage';
import { OrderDetailPage } from './orders/OrderDetailPage';
import { OrderListPage } from './orders/OrderListPage';
import { PaymentListPage } from './payments/PaymentListPage';
import { PaymentPage } from './payments/PaymentPage';
import { PaymentReviewPage } from './payments/PaymentReviewPage';
import { NewTicketPage } from './tickets/NewTicketPage';
import { TicketDetailPage } from './tickets/TicketDetailPage';
import { TicketListPage } from './tickets/TicketListPage';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'invoices', element: <InvoiceListPage /> },
      { path: 'invoices/:number', element: <InvoiceDetailPage /> },
      { path: 'payments', element: <PaymentListPage /> },
      { path: 'payments/new', element: <PaymentReviewPage /> },
      { path: 'payments/:id', element: <PaymentPage /> },
      { path: 'orders', element: <OrderListPage /> },
      { path: 'orders/:number', element: <OrderDetailPage /> },
      { path: 'tickets', element: <TicketListPage /> },
      { path: 'tickets/new', element: <NewTicketPage /> },
      { path: 'tickets/:number', element: <TicketDetailPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
