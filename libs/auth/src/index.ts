export { AuthError } from './auth.errors.js';
export {
  ACCESS_TOKEN_TYPE,
  ALLOWED_ALGORITHMS,
  CLOCK_TOLERANCE_SECONDS,
  createTokenVerifier,
  type AccessTokenClaims,
  type JwksSource,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier.js';
export {
  createEphemeralIssuer,
  DEV_AUDIENCE,
  DEV_ISSUER,
  loadOrCreateDevIssuer,
  mintAccessToken,
  type DevIssuer,
  type MintOptions,
} from './dev-issuer.js';
export { resolvePrincipal, type Principal, type RegisteredClient } from './principal.js';
