import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type MikroORM } from '@mikro-orm/postgresql';
import { type Keyring } from '@provision/crypto';
import { ConsoleSession } from '@provision/db';
import { type Person } from '@provision/domain';
import { type Clock } from '@provision/util';

const ACCESS_TOKEN_COLUMN = 'console_sessions.access_token';
const LOGIN_VERIFIER_COLUMN = 'console_sessions.login_verifier';

/** How long a sign-in may take between leaving for the issuer and coming back. */
const LOGIN_TTL_MS = 10 * 60_000;
/** Expired rows are swept at sign-in once this much past their end (a late request still says "expired"). */
const SWEEP_AFTER_MS = 24 * 3600_000;

/** A random cookie value and what the table keeps of it. */
function newToken(): { cookie: string; hash: Buffer } {
  const cookie = randomBytes(32).toString('base64url');
  return { cookie, hash: hashOf(cookie) };
}

const hashOf = (cookie: string) => createHash('sha256').update(cookie, 'utf8').digest();

/** A sign-in under way: what the callback checks the issuer's answer against. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** A signed-in officer's session, as the console API sees it. */
export interface ActiveSession {
  id: string;
  person: Person;
  clientId: string;
  accessToken: string;
  idToken: string | null;
  csrfToken: string;
  expiresAt: Date;
  /** When the session ends if no request comes first. */
  idleExpiresAt: Date;
}

export type SessionLookup =
  | { state: 'ACTIVE'; session: ActiveSession }
  /** No cookie, or one that names no session (never existed, signed out, swept). */
  | { state: 'NONE' }
  /** The session existed and has ended (idle or absolute): the console says so and offers sign-in. */
  | { state: 'EXPIRED' };

/**
 * Console sessions in PostgreSQL, so any gateway replica serves any browser. The browser's cookie
 * is 256 random bits; the table keeps its SHA-256, the access token sealed by the keyring, and the
 * CSRF token the console must echo in a header.
 */
export class ConsoleSessionStore {
  constructor(
    private readonly orm: MikroORM,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly limits: { idleMinutes: number; maxHours: number },
  ) {}

  /** Records a sign-in under way; the cookie value goes to the browser. */
  async beginLogin(login: PendingLogin): Promise<string> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    await em.nativeDelete(ConsoleSession, { expiresAt: { $lt: new Date(now.getTime() - SWEEP_AFTER_MS) } });
    const { cookie, hash } = newToken();
    const row = em.create(ConsoleSession, {
      tokenHash: hash,
      stage: 'LOGIN',
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
      lastSeenAt: now,
      loginState: login.state,
      loginNonce: login.nonce,
      returnTo: login.returnTo,
    });
    row.loginVerifier = this.keyring.seal(login.codeVerifier, { column: LOGIN_VERIFIER_COLUMN, rowId: row.id });
    await em.flush();
    return cookie;
  }

  /** The sign-in a callback belongs to, used up by reading it (a replayed callback finds nothing). */
  async takeLogin(cookie: string | undefined): Promise<PendingLogin | null> {
    if (!cookie) return null;
    const em = this.orm.em.fork();
    const row = await em.findOne(ConsoleSession, { tokenHash: hashOf(cookie), stage: 'LOGIN' });
    if (!row) return null;
    await em.nativeDelete(ConsoleSession, { id: row.id });
    if (row.expiresAt <= this.clock.now() || !row.loginState || !row.loginNonce || !row.loginVerifier) return null;
    return {
      state: row.loginState,
      nonce: row.loginNonce,
      codeVerifier: this.keyring.open(row.loginVerifier, { column: LOGIN_VERIFIER_COLUMN, rowId: row.id }),
      returnTo: row.returnTo ?? '/console/',
    };
  }

  /** Starts a session with a new cookie (never the sign-in's: no fixation); ends with its access token at the latest. */
  async start(input: { person: Person; clientId: string; accessToken: string; idToken: string | null; tokenExpiresAt: Date }): Promise<{ cookie: string; session: ActiveSession }> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const { cookie, hash } = newToken();
    const maxEnd = new Date(now.getTime() + this.limits.maxHours * 3600_000);
    const row = em.create(ConsoleSession, {
      tokenHash: hash,
      stage: 'ACTIVE',
      createdAt: now,
      expiresAt: input.tokenExpiresAt < maxEnd ? input.tokenExpiresAt : maxEnd,
      lastSeenAt: now,
      sub: input.person.sub,
      name: input.person.name,
      clientId: input.clientId,
      idToken: input.idToken,
      csrfToken: randomBytes(32).toString('base64url'),
    });
    row.accessToken = this.keyring.seal(input.accessToken, { column: ACCESS_TOKEN_COLUMN, rowId: row.id });
    await em.flush();
    return { cookie, session: this.activeOf(row) };
  }

  /** The session a cookie names; an ended one is deleted and reported `EXPIRED`. `touch` counts the request as activity. */
  async find(cookie: string | undefined, { touch }: { touch: boolean }): Promise<SessionLookup> {
    if (!cookie) return { state: 'NONE' };
    const em = this.orm.em.fork();
    const row = await em.findOne(ConsoleSession, { tokenHash: hashOf(cookie), stage: 'ACTIVE' });
    if (!row) return { state: 'NONE' };
    const now = this.clock.now();
    const session = this.activeOf(row);
    if (now >= session.expiresAt || now >= session.idleExpiresAt) {
      await em.nativeDelete(ConsoleSession, { id: row.id });
      return { state: 'EXPIRED' };
    }
    if (touch) {
      await em.nativeUpdate(ConsoleSession, { id: row.id }, { lastSeenAt: now });
      session.idleExpiresAt = this.idleEnd(now);
    }
    return { state: 'ACTIVE', session };
  }

  async end(id: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(ConsoleSession, { id });
  }

  private idleEnd(lastSeenAt: Date): Date {
    return new Date(lastSeenAt.getTime() + this.limits.idleMinutes * 60_000);
  }

  private activeOf(row: ConsoleSession): ActiveSession {
    if (!row.sub || !row.clientId || !row.accessToken || !row.csrfToken) throw new Error('an active console session lacks its sign-in');
    return {
      id: row.id,
      person: { sub: row.sub, name: row.name },
      clientId: row.clientId,
      accessToken: this.keyring.open(row.accessToken, { column: ACCESS_TOKEN_COLUMN, rowId: row.id }),
      idToken: row.idToken,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      idleExpiresAt: this.idleEnd(row.lastSeenAt),
    };
  }
}

/** Whether the header carries the session's CSRF token (constant time). */
export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(expected, 'utf8'), Buffer.from(given, 'utf8')];
  return a.length === b.length && timingSafeEqual(a, b);
}
