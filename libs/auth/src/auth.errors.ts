/**
 * The one error every authentication failure becomes. The message is deliberately generic: it
 * never says which check failed (that would help an attacker probe) and never echoes the token.
 */
export class AuthError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;

  constructor(message = 'Invalid or missing access token') {
    super(message);
    this.name = 'AuthError';
  }
}
