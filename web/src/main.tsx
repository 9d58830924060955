import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { router } from './routes';
import { SessionProvider } from './session';
import './styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no element with id "root" to render the portal into.');
}

createRoot(container).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
