import { useEffect, useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { setCsrfToken, whenSignedOut } from './api';
import { SessionContext, loadSession, type SessionState } from './session';
import { Shell } from './Shell';
import { SignInPage } from './SignInPage';
import { routes } from './routes';

const router = createBrowserRouter([{ path: '/', element: <Shell />, children: routes }], { basename: '/console' });

/** Signs in first; then the screens, each reading and writing through the console API. */
export function App() {
  const [session, setSession] = useState<SessionState>({ state: 'loading' });

  useEffect(() => {
    whenSignedOut((code) => setSession({ state: 'signed-out', reason: code === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED' }));
    void loadSession().then(setSession);
  }, []);

  if (session.state === 'loading') return null;
  if (session.state === 'signed-out') return <SignInPage reason={session.reason} />;
  setCsrfToken(session.session.csrfToken);
  return (
    <SessionContext.Provider value={session.session}>
      <RouterProvider router={router} />
    </SessionContext.Provider>
  );
}
