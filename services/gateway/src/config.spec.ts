import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, DEFAULT_REQUEST_LIMITS, DEMO_PII_CONTROLLER, loadConfig } from './config.js';

const KEY = randomBytes(32).toString('base64');
const INDEX_KEY = randomBytes(32).toString('base64');

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://gateway:secret@db.internal:5432/provision',
  AUTH_ISSUER: 'https://login.example.com',
  AUTH_AUDIENCE: 'urn:provision-gateway',
  AUTH_JWKS_URL: 'https://login.example.com/.well-known/jwks.json',
  DATA_KEYS: `k2:${KEY}`,
  DATA_INDEX_KEY: INDEX_KEY,
};

const failure = (env: Record<string, string | undefined>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadConfig', () => {
  it('gives a development configuration from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 4000,
      host: '0.0.0.0',
      metricsPort: null,
      databaseUrl: null,
      auth: null,
      keys: null,
      logLevel: 'info',
      limits: DEFAULT_REQUEST_LIMITS,
      rateLimit: { capacity: 2000, refillPerMinute: 600 },
      ledgerLanes: 8,
      databasePoolSize: 10,
      databasePreparedStatements: true,
      shutdown: { drainDelayMs: 0, graceMs: 10_000 },
      console: { oidc: null, publicUrl: 'http://localhost:4000', idleMinutes: 30, maxHours: 8 },
      fourEyesPublishing: true,
      piiController: DEMO_PII_CONTROLLER,
    });
  });

  it('names the controller of consent receipts all at once: the demo shop outside production, nobody in production until set', () => {
    const controller = {
      PII_CONTROLLER_NAME: '믹믹',
      PII_CONTROLLER_CONTACT: '개인정보 보호책임자',
      PII_CONTROLLER_EMAIL: 'privacy@mikmik.example',
      PII_CONTROLLER_PHONE: '02-123-4567',
      PII_CONTROLLER_ADDRESS: '서울특별시 강남구 예시로 2',
      PRIVACY_POLICY_URL: 'https://mikmik.example/privacy',
    };
    expect(loadConfig({ ...controller }).piiController).toEqual({
      name: '믹믹',
      contact: '개인정보 보호책임자',
      email: 'privacy@mikmik.example',
      phone: '02-123-4567',
      address: '서울특별시 강남구 예시로 2',
      policyUrl: 'https://mikmik.example/privacy',
    });
    expect(() => loadConfig({ PII_CONTROLLER_NAME: '믹믹' })).toThrow('Invalid configuration: PII_CONTROLLER_NAME and the other');
    expect(() => loadConfig({ ...controller, PRIVACY_POLICY_URL: 'ftp://x' })).toThrow('Invalid configuration: PRIVACY_POLICY_URL must be an http(s) URL');
  });

  it('reads the ledger lanes per partner and names a bad value', () => {
    expect(loadConfig({ LEDGER_LANES: '1' }).ledgerLanes).toBe(1);
    expect(() => loadConfig({ LEDGER_LANES: '65' })).toThrow('Invalid configuration: LEDGER_LANES must be an integer from 1 to 64');
  });

  it('prepares the partner path\'s statements unless told not to (PgBouncer before 1.21 in transaction mode)', () => {
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow('Invalid configuration: DATABASE_PREPARED_STATEMENTS must be true or false');
  });

  it('reads pool size and shutdown timing; production waits 5 s for the load balancer unless told otherwise', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '25', SHUTDOWN_DRAIN_DELAY_MS: '1500', SHUTDOWN_GRACE_MS: '20000' })).toMatchObject({
      databasePoolSize: 25,
      shutdown: { drainDelayMs: 1500, graceMs: 20_000 },
    });
    expect(loadConfig(production).shutdown).toEqual({ drainDelayMs: 5_000, graceMs: 10_000 });
    expect(loadConfig({ ...production, SHUTDOWN_DRAIN_DELAY_MS: '0' }).shutdown.drainDelayMs).toBe(0);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow('Invalid configuration: DATABASE_POOL_SIZE must be an integer from 1 to 200');
    expect(() => loadConfig({ SHUTDOWN_DRAIN_DELAY_MS: '-1' })).toThrow(
      'Invalid configuration: SHUTDOWN_DRAIN_DELAY_MS must be an integer from 0 to 120000',
    );
  });

  it('reads the console sign-in and names what is missing or unsafe', () => {
    const consoleIssuer = {
      CONSOLE_OIDC_ISSUER: 'https://login.example.com/realms/shop',
      CONSOLE_OIDC_CLIENT_SECRET: 's3cret',
      CONSOLE_PUBLIC_URL: 'https://provision.example.com/',
    };
    expect(loadConfig({ ...production, ...consoleIssuer, CONSOLE_SESSION_IDLE_MINUTES: '15' }).console).toEqual({
      oidc: {
        issuer: 'https://login.example.com/realms/shop',
        clientId: 'privacy-console',
        clientSecret: 's3cret',
        audience: production.AUTH_AUDIENCE,
      },
      publicUrl: 'https://provision.example.com',
      idleMinutes: 15,
      maxHours: 8,
    });
    expect(() => loadConfig({ ...production, ...consoleIssuer, CONSOLE_OIDC_CLIENT_SECRET: '' })).toThrow(
      'Invalid configuration: CONSOLE_OIDC_CLIENT_SECRET is required with CONSOLE_OIDC_ISSUER',
    );
    expect(() => loadConfig({ ...production, ...consoleIssuer, CONSOLE_PUBLIC_URL: '' })).toThrow(
      'Invalid configuration: CONSOLE_PUBLIC_URL is required with CONSOLE_OIDC_ISSUER in production',
    );
    expect(() => loadConfig({ ...production, ...consoleIssuer, CONSOLE_PUBLIC_URL: 'http://provision.example.com' })).toThrow(
      'Invalid configuration: CONSOLE_PUBLIC_URL must be an https URL in production',
    );
    expect(() => loadConfig({ CONSOLE_SESSION_MAX_HOURS: '48' })).toThrow(
      'Invalid configuration: CONSOLE_SESSION_MAX_HOURS must be an integer from 1 to 24',
    );
  });

  it('has four-eyes publishing on except under test, and lets a deployment choose', () => {
    expect(loadConfig({ ...production }).fourEyesPublishing).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).fourEyesPublishing).toBe(false);
    expect(loadConfig({ ...production, AGREEMENT_FOUR_EYES: 'false' }).fourEyesPublishing).toBe(false);
    expect(() => loadConfig({ AGREEMENT_FOUR_EYES: 'yes' })).toThrow('Invalid configuration: AGREEMENT_FOUR_EYES must be true or false');
  });

  it('reads the partner rate limit and names a bad value', () => {
    expect(loadConfig({ PARTNER_RATE_CAPACITY: '50', PARTNER_RATE_REFILL_PER_MINUTE: '30' }).rateLimit).toEqual({
      capacity: 50,
      refillPerMinute: 30,
    });
    expect(() => loadConfig({ PARTNER_RATE_CAPACITY: '0' })).toThrow(
      'Invalid configuration: PARTNER_RATE_CAPACITY must be an integer from 1 to 10000000',
    );
    expect(() => loadConfig({ PARTNER_RATE_REFILL_PER_MINUTE: '1.5' })).toThrow(
      'Invalid configuration: PARTNER_RATE_REFILL_PER_MINUTE must be an integer from 1 to 10000000',
    );
  });

  it('reads a complete production configuration', () => {
    expect(loadConfig({ ...production, PORT: '8080', LOG_LEVEL: 'warn' })).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      databaseUrl: production.DATABASE_URL,
      auth: {
        issuer: 'https://login.example.com',
        audience: 'urn:provision-gateway',
        jwks: { jwksUrl: 'https://login.example.com/.well-known/jwks.json' },
      },
      logLevel: 'warn',
      keys: { dataKeys: `k2:${KEY}`, indexKey: INDEX_KEY },
    });
  });

  it('refuses production without keys, and bad keys anywhere, naming the variable and never the key', () => {
    expect(failure({ ...production, DATA_KEYS: undefined, DATA_INDEX_KEY: undefined })).toBe(
      'Invalid configuration: DATA_KEYS is required in production',
    );
    expect(failure({ ...production, DATA_INDEX_KEY: undefined })).toBe('Invalid configuration: DATA_INDEX_KEY must be set with DATA_KEYS');
    const short = randomBytes(16).toString('base64');
    const message = failure({ DATA_KEYS: `k1:${short}`, DATA_INDEX_KEY: INDEX_KEY });
    expect(message).toMatch(/^Invalid configuration: DATA_KEYS key "k1" must be 32 bytes in base64/);
    expect(message).not.toContain(short);
    expect(failure({ DATA_KEYS: `k1:${KEY}`, DATA_INDEX_KEY: KEY })).toBe(
      'Invalid configuration: DATA_INDEX_KEY the index key must differ from every data key',
    );
  });

  it.each(['0', '65536', '80.5', 'abc', '-1'])('refuses PORT=%s with one line naming the variable', (port) => {
    expect(failure({ PORT: port })).toBe('Invalid configuration: PORT must be an integer from 1 to 65535');
  });

  it('serves /metrics on METRICS_PORT when set, which must be a port other than PORT', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(failure({ METRICS_PORT: '0' })).toBe('Invalid configuration: METRICS_PORT must be an integer from 1 to 65535');
    expect(failure({ PORT: '8080', METRICS_PORT: '8080' })).toBe('Invalid configuration: METRICS_PORT must differ from PORT');
    expect(failure({ METRICS_PORT: '4000' })).toBe('Invalid configuration: METRICS_PORT must differ from PORT');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 4000, databaseUrl: null });
  });

  it('refuses an unknown NODE_ENV and LOG_LEVEL', () => {
    expect(failure({ NODE_ENV: 'staging' })).toBe(
      'Invalid configuration: NODE_ENV must be one of development, test, production',
    );
    expect(failure({ LOG_LEVEL: 'verbose' })).toMatch(/^Invalid configuration: LOG_LEVEL must be one of /);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without echoing it', () => {
    const message = failure({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(message).toBe('Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).not.toContain('hunter2');
  });

  it.each(['DATABASE_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'])('requires %s in production', (variable) => {
    expect(failure({ ...production, [variable]: undefined })).toBe(
      `Invalid configuration: ${variable} is required in production`,
    );
  });

  it('requires exactly one JWKS source with an issuer', () => {
    const issuerOnly = { AUTH_ISSUER: 'https://login.example.com' };
    expect(failure(issuerOnly)).toMatch(/^Invalid configuration: AUTH_JWKS_URL or AUTH_JWKS_FILE \(exactly one\)/);
    expect(
      failure({ ...issuerOnly, AUTH_JWKS_URL: 'https://login.example.com/jwks', AUTH_JWKS_FILE: '/etc/hosts' }),
    ).toMatch(/^Invalid configuration: AUTH_JWKS_(URL|FILE) /);
  });

  it('refuses a JWKS source without an issuer', () => {
    expect(failure({ AUTH_JWKS_URL: 'https://login.example.com/jwks' })).toBe(
      'Invalid configuration: AUTH_JWKS_URL needs AUTH_ISSUER to be set',
    );
  });

  it('refuses JWKS over plain http except on loopback', () => {
    expect(failure({ AUTH_ISSUER: 'x', AUTH_JWKS_URL: 'http://login.example.com/jwks' })).toBe(
      'Invalid configuration: AUTH_JWKS_URL must be an https URL (http only for localhost)',
    );
    expect(loadConfig({ AUTH_ISSUER: 'x', AUTH_JWKS_URL: 'http://127.0.0.1:9000/jwks' }).auth?.jwks).toEqual({
      jwksUrl: 'http://127.0.0.1:9000/jwks',
    });
  });

  it('defaults the audience outside production', () => {
    expect(loadConfig({ AUTH_ISSUER: 'x', AUTH_JWKS_URL: 'https://x.example/jwks' }).auth?.audience).toBe(
      'urn:provision-gateway',
    );
  });

  describe('AUTH_JWKS_FILE', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'config-spec-'));
      await writeFile(join(dir, 'jwks.json'), JSON.stringify({ keys: [] }));
      await writeFile(join(dir, 'not-jwks.json'), 'hello');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('accepts a readable JWKS file', () => {
      const file = join(dir, 'jwks.json');
      expect(loadConfig({ AUTH_ISSUER: 'x', AUTH_JWKS_FILE: file }).auth?.jwks).toEqual({ jwksFile: file });
    });

    it.each(['not-jwks.json', 'missing.json'])('refuses %s', (name) => {
      expect(failure({ AUTH_ISSUER: 'x', AUTH_JWKS_FILE: join(dir, name) })).toBe(
        'Invalid configuration: AUTH_JWKS_FILE must name a readable JSON Web Key Set file',
      );
    });
  });

  it('reads the query and HTTP limits', () => {
    expect(
      loadConfig({
        GRAPHQL_MAX_DEPTH: '5',
        GRAPHQL_MAX_ALIASES: '0',
        GRAPHQL_MAX_DIRECTIVES: '4',
        GRAPHQL_MAX_TOKENS: '500',
        GRAPHQL_MAX_COST: '800',
        GRAPHQL_ALLOW_BATCHING: 'true',
        HTTP_BODY_LIMIT_BYTES: '65536',
        HTTP_REQUEST_TIMEOUT_MS: '10000',
      }).limits,
    ).toEqual({
      maxDepth: 5,
      maxAliases: 0,
      maxDirectives: 4,
      maxTokens: 500,
      maxCost: 800,
      allowBatchedHttpRequests: true,
      bodyLimitBytes: 65_536,
      requestTimeoutMs: 10_000,
    });
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0', 'must be an integer from 1 to 50'],
    ['GRAPHQL_MAX_ALIASES', '-1', 'must be an integer from 0 to 1000'],
    ['GRAPHQL_MAX_DIRECTIVES', '1e3', 'must be an integer from 1 to 1000'],
    ['GRAPHQL_MAX_TOKENS', '99', 'must be an integer from 100 to 100000'],
    ['GRAPHQL_MAX_COST', 'lots', 'must be an integer from 10 to 1000000'],
    ['GRAPHQL_ALLOW_BATCHING', 'yes', 'must be true or false'],
    ['HTTP_BODY_LIMIT_BYTES', '100kb', 'must be an integer from 1024 to 10485760'],
    ['HTTP_REQUEST_TIMEOUT_MS', '0', 'must be an integer from 100 to 600000'],
  ])('refuses %s=%s naming the variable', (variable, value, problem) => {
    expect(failure({ [variable]: value })).toBe(`Invalid configuration: ${variable} ${problem}`);
  });
});
