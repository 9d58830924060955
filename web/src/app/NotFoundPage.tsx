import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <title>Page not found · Customer portal</title>
      <h1>Page not found</h1>
      <p>
        This address does not match any page of the portal. <Link to="/">Go to the dashboard</Link>.
      </p>
    </>
  );
}
