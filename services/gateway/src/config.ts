import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEV_AUDIENCE } from '@provision/auth';
import { keyringConfigFromEnv, KeyringError, type KeyringConfig } from '@provision/crypto';
import { type LogLevel } from '@provision/runtime';
import { type RateLimitDefaults } from '@provision/quotas';
import { type ReceiptController } from '@provision/reports';
import { type ShutdownOptions } from './drain.js';

/** How the gateway finds the keys that sign access tokens. */
export interface AuthConfig {
  issuer: string;
  audience: string;
  jwks: { jwksUrl: string } | { jwksFile: string };
}

export type NodeEnv = 'development' | 'test' | 'production';

/** The OpenID Connect client the console signs officers in with (authorization code + PKCE). */
export interface ConsoleOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The access token's audience, sent as the resource indicator (RFC 8707). */
  audience: string;
}

/** The privacy officer's console at /console/ (backend-for-frontend). */
export interface ConsoleConfig {
  /** null: sign-in is not configured (production), or `npm start` runs its own development provider. */
  oidc: ConsoleOidcConfig | null;
  /** Where browsers reach the gateway, e.g. `https://provision.example.com`: the redirect URIs are made from it. */
  publicUrl: string;
  /** A session ends after this many minutes without a request. */
  idleMinutes: number;
  /** And at the latest this many hours after sign-in (or when its access token expires, if sooner). */
  maxHours: number;
}

/** The shop as the personal information controller, as consent receipts name it (README "Consent receipts"). */
export type PiiControllerConfig = ReceiptController;

/** The gateway's configuration, read once from the environment at start. */
export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** METRICS_PORT: `/metrics` is served there (same host) and not on `port`; null serves it on `port`. */
  metricsPort: number | null;
  /** null only in development: the dev entry then starts an embedded PostgreSQL. */
  databaseUrl: string | null;
  /** null only outside production: the dev entry then uses its own dev issuer. */
  auth: AuthConfig | null;
  /**
   * DATA_KEYS and DATA_INDEX_KEY, checked: the keyring that seals unique identifiers and webhook
   * secrets. null only outside production: the dev entry then keeps its own under `.data/`.
   */
  keys: KeyringConfig | null;
  logLevel: LogLevel;
  /** Query-abuse and HTTP limits (README "Query limits", SECURITY.md). */
  limits: RequestLimits;
  /** Every partner's rate-limit bucket unless its agreement in force sets its own (in subjects). */
  rateLimit: RateLimitDefaults;
  /** Hash chains per partner that its concurrent requests append to, so they need not queue behind one. */
  ledgerLanes: number;
  /** Most connections of the request pool (readiness has a pool of one of its own). */
  databasePoolSize: number;
  /** Whether the partner path's statements are prepared once per connection; off behind a pooler that cannot carry them. */
  databasePreparedStatements: boolean;
  /** SIGTERM: how long new work is refused before the listener closes, and how long in-flight requests then have. */
  shutdown: ShutdownOptions;
  console: ConsoleConfig;
  /**
   * Four-eyes publishing: an agreement version is drafted by one officer and goes live only when a
   * different officer approves it. AGREEMENT_FOUR_EYES; on unless NODE_ENV=test.
   */
  fourEyesPublishing: boolean;
  /** PII_CONTROLLER_*, PRIVACY_POLICY_URL; a demo shop outside production, null in production until all are set. */
  piiController: PiiControllerConfig | null;
}

/**
 * What one request may ask for. Operations over a limit are refused at validation, before any
 * resolver or database statement runs; HTTP limits refuse the request before GraphQL sees it.
 */
export interface RequestLimits {
  /** Deepest selection-set nesting (graphql-armor maxDepth). */
  maxDepth: number;
  /** Aliases in one operation (graphql-armor maxAliases). */
  maxAliases: number;
  /** Directives in one operation (graphql-armor maxDirectives). */
  maxDirectives: number;
  /** Lexical tokens in one document (graphql-js `maxTokens`, parsing stops there). */
  maxTokens: number;
  /** Static cost of one operation (graphql-armor costLimit: object 2, scalar 1, ×1.5 per level). */
  maxCost: number;
  /** Largest JSON body of a POST /graphql, in bytes. */
  bodyLimitBytes: number;
  /** Time a client has to send one whole request (headers and body), in milliseconds. */
  requestTimeoutMs: number;
  /** Whether a JSON array of operations in one POST is accepted. */
  allowBatchedHttpRequests: boolean;
}

/** Defaults of {@link RequestLimits}: every example operation in schema/operations fits well inside. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2_000,
  maxCost: 5_000,
  bodyLimitBytes: 100 * 1024,
  requestTimeoutMs: 30_000,
  allowBatchedHttpRequests: false,
};

/** A bad environment; `message` is the one line the process prints before exiting. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Audience the gateway expects when AUTH_AUDIENCE is not set (outside production): the dev issuer's. */
export const DEFAULT_AUDIENCE = DEV_AUDIENCE;

const NODE_ENVS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An integer variable within bounds. */
function integerWithin(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, { error })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error });
}

/** An integer variable within bounds, defaulting to `fallback`. */
const boundedInteger = (min: number, max: number, fallback: number) => integerWithin(min, max).default(fallback);

/** Production waits for the load balancer to see readiness fail; elsewhere nothing routes to the process. */
const DEFAULT_DRAIN_DELAY_MS = { production: 5_000, other: 0 };

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function readsAsJwks(path: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { keys?: unknown }).keys);
  } catch {
    return false;
  }
}

// One schema per variable; each message completes the sentence "<VARIABLE> …".
const env = z.object({
  NODE_ENV: z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` }).default('development'),
  PORT: boundedInteger(1, 65535, 4000),
  METRICS_PORT: integerWithin(1, 65535).optional(),
  HOST: z.string().regex(/^[\w.:[\]-]+$/, { error: 'must be a host name or IP address' }).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((text) => ['postgres:', 'postgresql:'].includes(parsedUrl(text)?.protocol ?? ''), {
      error: 'must be a postgres:// or postgresql:// URL',
    })
    .optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z
    .string()
    .refine((text) => parsedUrl(text) !== null, { error: 'must be an absolute URL' })
    .optional(),
  AUTH_JWKS_FILE: z.string().refine(readsAsJwks, { error: 'must name a readable JSON Web Key Set file' }).optional(),
  DATA_KEYS: z.string().optional(),
  DATA_INDEX_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  // Query-abuse and HTTP limits.
  GRAPHQL_MAX_DEPTH: boundedInteger(1, 50, DEFAULT_REQUEST_LIMITS.maxDepth),
  GRAPHQL_MAX_ALIASES: boundedInteger(0, 1_000, DEFAULT_REQUEST_LIMITS.maxAliases),
  GRAPHQL_MAX_DIRECTIVES: boundedInteger(1, 1_000, DEFAULT_REQUEST_LIMITS.maxDirectives),
  GRAPHQL_MAX_TOKENS: boundedInteger(100, 100_000, DEFAULT_REQUEST_LIMITS.maxTokens),
  GRAPHQL_MAX_COST: boundedInteger(10, 1_000_000, DEFAULT_REQUEST_LIMITS.maxCost),
  GRAPHQL_ALLOW_BATCHING: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((text) => text === 'true')
    .default(DEFAULT_REQUEST_LIMITS.allowBatchedHttpRequests),
  HTTP_BODY_LIMIT_BYTES: boundedInteger(1_024, 10 * 1024 * 1024, DEFAULT_REQUEST_LIMITS.bodyLimitBytes),
  HTTP_REQUEST_TIMEOUT_MS: boundedInteger(100, 600_000, DEFAULT_REQUEST_LIMITS.requestTimeoutMs),
  // Partner rate limit (README, "Quotas"): bucket size and refill, in distinct subjects released.
  PARTNER_RATE_CAPACITY: boundedInteger(1, 10_000_000, 2000),
  PARTNER_RATE_REFILL_PER_MINUTE: boundedInteger(1, 10_000_000, 600),
  // Hash chains per partner its concurrent requests write to (README, "The provision ledger").
  LEDGER_LANES: boundedInteger(1, 64, 8),
  DATABASE_POOL_SIZE: boundedInteger(1, 200, 10),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((text) => text === 'true')
    .default(true),
  SHUTDOWN_DRAIN_DELAY_MS: integerWithin(0, 120_000).optional(),
  SHUTDOWN_GRACE_MS: boundedInteger(0, 600_000, 10_000),
  // The console (README, "The privacy officer's console").
  CONSOLE_OIDC_ISSUER: z.string().refine((text) => parsedUrl(text) !== null, { error: 'must be an absolute URL' }).optional(),
  CONSOLE_OIDC_CLIENT_ID: z.string().regex(/^[\x21-\x7e]{1,200}$/, { error: 'must be printable ASCII without spaces' }).default('privacy-console'),
  CONSOLE_OIDC_CLIENT_SECRET: z.string().optional(),
  CONSOLE_OIDC_AUDIENCE: z.string().min(1).optional(),
  CONSOLE_PUBLIC_URL: z
    .string()
    .refine((text) => ['http:', 'https:'].includes(parsedUrl(text)?.protocol ?? ''), { error: 'must be an http(s) URL' })
    .optional(),
  CONSOLE_SESSION_IDLE_MINUTES: boundedInteger(1, 24 * 60, 30),
  CONSOLE_SESSION_MAX_HOURS: boundedInteger(1, 24, 8),
  AGREEMENT_FOUR_EYES: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((text) => text === 'true')
    .optional(),
  // The shop as controller, named in consent receipts.
  PII_CONTROLLER_NAME: z.string().min(1).max(200).optional(),
  PII_CONTROLLER_CONTACT: z.string().min(1).max(200).optional(),
  PII_CONTROLLER_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  PII_CONTROLLER_PHONE: z.string().regex(/^\+?[0-9]+(?:-[0-9]+)*$/, { error: 'must be digits separated by dashes' }).optional(),
  PII_CONTROLLER_ADDRESS: z.string().min(1).max(300).optional(),
  PRIVACY_POLICY_URL: z
    .string()
    .refine((text) => ['http:', 'https:'].includes(parsedUrl(text)?.protocol ?? ''), { error: 'must be an http(s) URL' })
    .optional(),
});

type Env = z.infer<typeof env>;

function authConfig(vars: Env): AuthConfig | null {
  const { AUTH_ISSUER: issuer, AUTH_JWKS_URL: jwksUrl, AUTH_JWKS_FILE: jwksFile } = vars;
  if (issuer === undefined) {
    if (vars.NODE_ENV === 'production') throw new ConfigError('AUTH_ISSUER', 'is required in production');
    if (jwksUrl !== undefined) throw new ConfigError('AUTH_JWKS_URL', 'needs AUTH_ISSUER to be set');
    if (jwksFile !== undefined) throw new ConfigError('AUTH_JWKS_FILE', 'needs AUTH_ISSUER to be set');
    return null;
  }
  if (vars.AUTH_AUDIENCE === undefined && vars.NODE_ENV === 'production') {
    throw new ConfigError('AUTH_AUDIENCE', 'is required in production');
  }
  if ((jwksUrl === undefined) === (jwksFile === undefined)) {
    throw new ConfigError('AUTH_JWKS_URL', 'or AUTH_JWKS_FILE (exactly one) must be set with AUTH_ISSUER');
  }
  if (jwksUrl !== undefined) {
    const url = new URL(jwksUrl);
    // Keys fetched over plain HTTP can be swapped by anyone on the path; only loopback is exempt.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
      throw new ConfigError('AUTH_JWKS_URL', 'must be an https URL (http only for localhost)');
    }
  }
  const audience = vars.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE;
  if (jwksUrl !== undefined) return { issuer, audience, jwks: { jwksUrl } };
  if (jwksFile !== undefined) return { issuer, audience, jwks: { jwksFile } };
  throw new ConfigError('AUTH_JWKS_URL', 'or AUTH_JWKS_FILE (exactly one) must be set with AUTH_ISSUER');
}

/** The demo shop of the seeds, for development and tests only. */
export const DEMO_PII_CONTROLLER: PiiControllerConfig = {
  name: 'MIKMIK (demo shop)',
  contact: 'Privacy officer (demo)',
  email: 'privacy@example.com',
  phone: '02-0000-0000',
  address: '서울특별시 중구 예시로 1',
  policyUrl: 'https://shop.example.com/privacy',
};

function piiControllerConfig(vars: Env): PiiControllerConfig | null {
  const given = {
    name: vars.PII_CONTROLLER_NAME,
    contact: vars.PII_CONTROLLER_CONTACT,
    email: vars.PII_CONTROLLER_EMAIL,
    phone: vars.PII_CONTROLLER_PHONE,
    address: vars.PII_CONTROLLER_ADDRESS,
    policyUrl: vars.PRIVACY_POLICY_URL,
  };
  const values = Object.values(given);
  if (values.every((value) => value !== undefined)) return given as PiiControllerConfig;
  // Half a controller would publish receipts naming no one to ask: all or none.
  if (values.some((value) => value !== undefined)) throw new ConfigError('PII_CONTROLLER_NAME', 'and the other PII_CONTROLLER_* and PRIVACY_POLICY_URL are set together');
  return vars.NODE_ENV === 'production' ? null : DEMO_PII_CONTROLLER;
}

function consoleConfig(vars: Env): ConsoleConfig {
  const production = vars.NODE_ENV === 'production';
  const publicUrl = (vars.CONSOLE_PUBLIC_URL ?? (production ? '' : `http://localhost:${vars.PORT}`)).replace(/\/+$/, '');
  const session = { idleMinutes: vars.CONSOLE_SESSION_IDLE_MINUTES, maxHours: vars.CONSOLE_SESSION_MAX_HOURS };
  const issuer = vars.CONSOLE_OIDC_ISSUER;
  if (issuer === undefined) return { oidc: null, publicUrl, ...session };
  if (vars.CONSOLE_OIDC_CLIENT_SECRET === undefined) {
    throw new ConfigError('CONSOLE_OIDC_CLIENT_SECRET', 'is required with CONSOLE_OIDC_ISSUER');
  }
  if (publicUrl === '') throw new ConfigError('CONSOLE_PUBLIC_URL', 'is required with CONSOLE_OIDC_ISSUER in production');
  // The session cookie is Secure: a browser keeps it only over https (or on localhost).
  if (production && !publicUrl.startsWith('https:')) throw new ConfigError('CONSOLE_PUBLIC_URL', 'must be an https URL in production');
  const audience = vars.CONSOLE_OIDC_AUDIENCE ?? vars.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE;
  return { oidc: { issuer, clientId: vars.CONSOLE_OIDC_CLIENT_ID, clientSecret: vars.CONSOLE_OIDC_CLIENT_SECRET, audience }, publicUrl, ...session };
}

/** DATA_KEYS and DATA_INDEX_KEY, checked; a bad one is a {@link ConfigError} naming it, never quoting it. */
export function keyringConfig(dataKeys: string | undefined, indexKey: string | undefined): KeyringConfig | null {
  try {
    return keyringConfigFromEnv(dataKeys, indexKey);
  } catch (err) {
    if (err instanceof KeyringError) throw new ConfigError(err.variable, err.problem);
    throw err;
  }
}

/**
 * Reads and checks the environment. Empty variables count as unset. Throws {@link ConfigError}
 * naming the first bad variable; never includes a variable's value, which may be a secret.
 */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(env.shape)
      .map((name) => [name, source[name]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = env.safeParse(present);
  if (!result.success) {
    const [issue] = result.error.issues;
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.code === 'too_small' ? 'must not be empty' : (issue?.message ?? 'is invalid'));
  }
  const vars = result.data;
  if (vars.NODE_ENV === 'production' && vars.DATABASE_URL === undefined) {
    throw new ConfigError('DATABASE_URL', 'is required in production');
  }
  if (vars.METRICS_PORT === vars.PORT) throw new ConfigError('METRICS_PORT', 'must differ from PORT');
  const keys = keyringConfig(vars.DATA_KEYS, vars.DATA_INDEX_KEY);
  if (keys === null && vars.NODE_ENV === 'production') throw new ConfigError('DATA_KEYS', 'is required in production');
  return {
    nodeEnv: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    metricsPort: vars.METRICS_PORT ?? null,
    databaseUrl: vars.DATABASE_URL ?? null,
    auth: authConfig(vars),
    keys,
    logLevel: vars.LOG_LEVEL,
    limits: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH,
      maxAliases: vars.GRAPHQL_MAX_ALIASES,
      maxDirectives: vars.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: vars.GRAPHQL_MAX_TOKENS,
      maxCost: vars.GRAPHQL_MAX_COST,
      bodyLimitBytes: vars.HTTP_BODY_LIMIT_BYTES,
      requestTimeoutMs: vars.HTTP_REQUEST_TIMEOUT_MS,
      allowBatchedHttpRequests: vars.GRAPHQL_ALLOW_BATCHING,
    },
    rateLimit: { capacity: vars.PARTNER_RATE_CAPACITY, refillPerMinute: vars.PARTNER_RATE_REFILL_PER_MINUTE },
    ledgerLanes: vars.LEDGER_LANES,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    databasePreparedStatements: vars.DATABASE_PREPARED_STATEMENTS,
    shutdown: {
      drainDelayMs:
        vars.SHUTDOWN_DRAIN_DELAY_MS ?? (vars.NODE_ENV === 'production' ? DEFAULT_DRAIN_DELAY_MS.production : DEFAULT_DRAIN_DELAY_MS.other),
      graceMs: vars.SHUTDOWN_GRACE_MS,
    },
    console: consoleConfig(vars),
    fourEyesPublishing: vars.AGREEMENT_FOUR_EYES ?? vars.NODE_ENV !== 'test',
    piiController: piiControllerConfig(vars),
  };
}
