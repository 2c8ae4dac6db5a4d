import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SEALED_PATTERN, type Sealed } from '@provision/crypto';
import { randomUUID } from 'node:crypto';
import { CONSOLE_SESSION_STAGES, type ConsoleSessionStage } from './vocabulary.js';

/**
 * A browser's session with the privacy officer's console (backend-for-frontend): the browser holds
 * only a random cookie, whose SHA-256 is `tokenHash`; the access token stays here, sealed. A row
 * starts as a `LOGIN` (the OpenID Connect state, nonce and PKCE verifier of one sign-in) and a
 * successful callback replaces it by an `ACTIVE` row with a new cookie (no session fixation).
 */
@Entity({ tableName: 'console_sessions' })
@Index({ properties: ['expiresAt'] })
@Check({ name: 'console_sessions_access_token_sealed', expression: `access_token ~ '${SEALED_PATTERN}'` })
@Check({ name: 'console_sessions_login_verifier_sealed', expression: `login_verifier ~ '${SEALED_PATTERN}'` })
export class ConsoleSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** SHA-256 of the cookie value: a copy of this table opens no session. */
  @Property({ type: 'bytea', unique: true })
  tokenHash!: Buffer;

  @Enum({ items: [...CONSOLE_SESSION_STAGES], type: 'text' })
  stage!: ConsoleSessionStage;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** Absolute end: the sign-in's deadline, or the session's maximum age (never after its access token's expiry). */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Last request; the session ends after `CONSOLE_SESSION_IDLE_MINUTES` without one. */
  @Property({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** LOGIN: the `state`, `nonce`, sealed PKCE verifier and the console path to return to. */
  @Property({ type: 'text', nullable: true })
  loginState: string | null = null;

  @Property({ type: 'text', nullable: true })
  loginNonce: string | null = null;

  @Property({ type: 'text', nullable: true })
  loginVerifier: Sealed | null = null;

  @Property({ type: 'text', nullable: true })
  returnTo: string | null = null;

  /** ACTIVE: the person (OpenID Connect `sub` and `name`), the console's client id, and its access token, sealed. */
  @Property({ type: 'text', nullable: true })
  sub: string | null = null;

  @Property({ type: 'text', nullable: true })
  name: string | null = null;

  @Property({ type: 'text', nullable: true })
  clientId: string | null = null;

  @Property({ type: 'text', nullable: true })
  accessToken: Sealed | null = null;

  /** The ID token, for the issuer's sign-out (`id_token_hint`). */
  @Property({ type: 'text', nullable: true })
  idToken: string | null = null;

  /** Sent by the console with every API call (`x-csrf-token`); compared in constant time. */
  @Property({ type: 'text', nullable: true })
  csrfToken: string | null = null;
}
