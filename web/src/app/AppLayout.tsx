import { NavLink, Navigate, Outlet, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { roleLabels } from '../labels';
import { usePaymentSettings } from '../payments/usePaymentSettings';
import { useSession, ViewerProvider, type Viewer } from '../session';
import { ErrorNotice, Loading, useSignInPath } from '../ui/QueryStates';

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      email
      name
      role
      permissions
      customer {
        number
        name
        currency
      }
    }
  }
`);

const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Layout of every signed-in page: loads the viewer, or sends a signed-out visitor to sign-in. */
export function AppLayout() {
  const [{ data, error }, reexecute] = useQuery({ query: ViewerQuery });
  const signInPath = useSignInPath();

  if (error) {
    return (
      <main className="page" id="main">
        <ErrorNotice
          error={error}
          forbiddenSubject="the portal"
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      </main>
    );
  }
  if (!data) {
    return (
      <main className="page" id="main">
        <Loading />
      </main>
    );
  }
  if (!data.viewer) {
    return <Navigate to={signInPath} replace />;
  }

  return (
    <ViewerProvider value={data.viewer}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <PortalHeader viewer={data.viewer} />
      <main className="page" id="main">
        <Outlet />
      </main>
    </ViewerProvider>
  );
}

function PortalHeader({ viewer }: { viewer: Viewer }) {
  const navigate = useNavigate();
  const { resetClient } = useSession();
  const [{ fetching: signingOut }, signOut] = useMutation(SignOutMutation);
  const can = (permission: string) => viewer.permissions.includes(permission);
  const payments = usePaymentSettings();

  async function handleSignOut() {
    await signOut({});
    // Drop this session's cached data and leave, even when the sign-out request failed.
    resetClient();
    navigate('/sign-in', { replace: true });
  }

  return (
    <header className="site-header">
      <div className="site-header-top">
        <p className="customer-name">{viewer.customer.name}</p>
        <div className="viewer">
          <span className="viewer-name">
            {viewer.name}
            <span className="viewer-role"> ({roleLabels[viewer.role]})</span>
          </span>
          <button type="button" className="link-button" onClick={handleSignOut} disabled={signingOut}>
            Sign out
          </button>
        </div>
      </div>
      <nav aria-label="Main">
        <ul className="nav-list">
          <li>
            <NavLink to="/" end>
              Dashboard
            </NavLink>
          </li>
          {can('invoices:read') ? (
            <li>
              <NavLink to="/invoices">Invoices</NavLink>
            </li>
          ) : null}
          {can('invoices:read') && payments.settings?.enabled ? (
            <li>
              <NavLink to="/payments">Payments</NavLink>
            </li>
          ) : null}
          {can('orders:read') ? (
            <li>
              <NavLink to="/orders">Orders</NavLink>
            </li>
          ) : null}
          {can('tickets:read') ? (
            <li>
              <NavLink to="/tickets">Support tickets</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
