import { createContext, useContext } from 'react';

/** Who is signed in, as GET /console/auth/session tells. */
export interface ConsoleSession {
  person: { sub: string; name: string | null };
  clientId: string;
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
  fourEyesPublishing: boolean;
}

export type SessionState =
  | { state: 'loading' }
  | { state: 'signed-out'; reason: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' }
  | { state: 'signed-in'; session: ConsoleSession };

/** Reads the session; a 401 says why there is none. */
export async function loadSession(): Promise<SessionState> {
  const response = await fetch('/console/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.ok) return { state: 'signed-in', session: (await response.json()) as ConsoleSession };
  const body = (await response.json().catch(() => ({}))) as { errors?: { extensions?: { code?: string } }[] };
  return { state: 'signed-out', reason: body.errors?.[0]?.extensions?.code === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED' };
}

export const SessionContext = createContext<ConsoleSession | null>(null);

/** The signed-in session; screens render only inside the signed-in shell. */
export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in shell');
  return session;
}

/** Ends the session here and at the issuer. */
export async function signOut(csrfToken: string): Promise<void> {
  const response = await fetch('/console/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } });
  const body = (await response.json().catch(() => ({}))) as { endSessionUrl?: string | null };
  window.location.assign(body.endSessionUrl ?? '/console/');
}
