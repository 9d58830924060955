/**
 * Session state shared by every page: the urql client, which is rebuilt on
 * sign-in and sign-out so no cached result of one session reaches the next,
 * and the signed-in viewer.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createPortalClient } from './client';
import type { ViewerQuery } from './gql/graphql';

export type Viewer = NonNullable<ViewerQuery['viewer']>;

interface SessionControls {
  /** Drops every cached result by replacing the urql client. */
  resetClient(): void;
}

const SessionContext = createContext<SessionControls | null>(null);
const ViewerContext = createContext<Viewer | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [client, setClient] = useState(createPortalClient);
  const resetClient = useCallback(() => setClient(createPortalClient()), []);
  const controls = useMemo(() => ({ resetClient }), [resetClient]);

  return (
    <SessionContext.Provider value={controls}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionControls {
  const controls = useContext(SessionContext);
  if (!controls) {
    throw new Error('useSession() must be called inside <SessionProvider>.');
  }
  return controls;
}

export const ViewerProvider = ViewerContext.Provider;

/** Returns the signed-in viewer. Only pages inside the signed-in layout may call it. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) {
    throw new Error('useViewer() must be called inside the signed-in layout, which provides the viewer.');
  }
  return viewer;
}

/** Returns whether the viewer's role grants a permission such as "invoices:read". */
export function useHasPermission(permission: string): boolean {
  return useViewer().permissions.includes(permission);
}
