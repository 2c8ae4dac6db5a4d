import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { DecryptionError, generateKeyringConfig, Keyring, keyringConfigFromEnv, KeyringError, SEALED_PATTERN } from './keyring.js';
import { loadOrCreateDevKeyring } from './dev-keyring.js';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64url');
const indexKey = randomBytes(32).toString('base64');
const ring = Keyring.parse({ dataKeys: `a:${keyA}`, indexKey });
const at = { column: 'subjects.customs_code', rowId: 'row-1' };
const CODE = 'P123456789012';

/** Replaces part `index` (0 version, 1 kid, 2 iv, 3 ciphertext, 4 tag) of a sealed value. */
function withPart(sealed: string, index: number, change: (part: string) => string): string {
  const parts = sealed.split('.');
  parts[index] = change(parts[index] as string);
  return parts.join('.');
}

/** Flips the lowest bit of the first byte of a base64url part. */
function flipBit(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 1;
  return bytes.toString('base64url');
}

describe('Keyring: sealing and opening', () => {
  it('round-trips a value, with a fresh IV each time, in the documented format', () => {
    const first = ring.seal(CODE, at);
    const second = ring.seal(CODE, at);
    expect(ring.open(first, at)).toBe(CODE);
    expect(first).not.toBe(second);
    expect(first).toMatch(new RegExp(SEALED_PATTERN));
    expect(first.startsWith('v1.a.')).toBe(true);
    expect(first).not.toContain(CODE);
    expect(ring.open(ring.seal('', at), at)).toBe('');
    expect(ring.open(ring.seal('세관 코드 ✓', at), at)).toBe('세관 코드 ✓');
  });

  it.each([
    ['iv', 2],
    ['ciphertext', 3],
    ['tag', 4],
  ])('fails closed when a bit of the %s is flipped', (_, index) => {
    const tampered = withPart(ring.seal(CODE, at), index, flipBit);
    expect(() => ring.open(tampered, at)).toThrow(DecryptionError);
  });

  it('fails closed when the key id is changed, to an unknown key or to another key on the ring', () => {
    const two = Keyring.parse({ dataKeys: `a:${keyA},b:${keyB}`, indexKey });
    const sealed = two.seal(CODE, at);
    expect(() => two.open(withPart(sealed, 1, () => 'zz'), at)).toThrow('key "zz" is not on the keyring');
    expect(() => two.open(withPart(sealed, 1, () => 'b'), at)).toThrow('authentication failed');
  });

  it('does not open a value moved to another column or another row', () => {
    const sealed = ring.seal(CODE, at);
    expect(() => ring.open(sealed, { ...at, column: 'subjects.ci' })).toThrow('authentication failed');
    expect(() => ring.open(sealed, { ...at, rowId: 'row-2' })).toThrow('authentication failed');
  });

  it('refuses what is not a sealed value, without quoting it', () => {
    const error = (() => {
      try {
        ring.open(CODE, at);
      } catch (err) {
        return err as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DecryptionError);
    expect(error?.message).not.toContain(CODE);
    expect(ring.keyIdOf(CODE)).toBeNull();
    expect(ring.keyIdOf(ring.seal(CODE, at))).toBe('a');
  });

  it('opens values under any key on the ring and seals with the first', () => {
    const old = ring.seal(CODE, at);
    const rotated = Keyring.parse({ dataKeys: `b:${keyB}, a:${keyA}`, indexKey });
    expect(rotated.activeKeyId).toBe('b');
    expect(rotated.keyIds).toEqual(['b', 'a']);
    expect(rotated.open(old, at)).toBe(CODE);
    expect(rotated.keyIdOf(rotated.seal(CODE, at))).toBe('b');
    expect(() => Keyring.parse({ dataKeys: `b:${keyB}`, indexKey }).open(old, at)).toThrow('key "a" is not on the keyring');
  });
});

describe('Keyring: blind index', () => {
  it('is deterministic per column and key, and reveals nothing of the value', () => {
    const index = ring.blindIndex(CODE, 'subjects.customs_code');
    expect(ring.blindIndex(CODE, 'subjects.customs_code')).toBe(index);
    expect(ring.blindIndex('P123456789013', 'subjects.customs_code')).not.toBe(index);
    expect(ring.blindIndex(CODE, 'subjects.ci')).not.toBe(index);
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Keyring.parse({ dataKeys: `a:${keyA}`, indexKey: randomBytes(32).toString('base64') }).blindIndex(CODE, 'subjects.customs_code')).not.toBe(index);
  });

  it('does not change when the data keys rotate', () => {
    const rotated = Keyring.parse({ dataKeys: `b:${keyB},a:${keyA}`, indexKey });
    expect(rotated.blindIndex(CODE, 'subjects.ci')).toBe(ring.blindIndex(CODE, 'subjects.ci'));
  });
});

describe('Keyring.parse', () => {
  const short = randomBytes(16).toString('base64');

  it.each([
    ['', 'entry 1 must be <id>:<base64 key>'],
    [keyA, 'entry 1 must be <id>:<base64 key>'],
    [`a:${keyA},:${keyB}`, 'entry 2 must be <id>:<base64 key>'],
    [`a.b:${keyA}`, 'entry 1 must be <id>:<base64 key>'],
    [`a:${keyA},a:${keyB}`, 'key id "a" appears twice'],
    [`a:${short}`, 'key "a" must be 32 bytes in base64'],
    [`a:${keyA}!`, 'key "a" must be 32 bytes in base64'],
  ])('refuses DATA_KEYS %#, naming the problem without the key', (dataKeys, problem) => {
    let error: unknown;
    try {
      Keyring.parse({ dataKeys, indexKey });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(KeyringError);
    const { message } = error as Error;
    expect(message).toContain(problem);
    for (const secret of [keyA, keyB, short, indexKey]) expect(message).not.toContain(secret);
  });

  it('refuses a bad or reused index key', () => {
    expect(() => Keyring.parse({ dataKeys: `a:${keyA}`, indexKey: 'short' })).toThrow('the index key must be 32 bytes');
    expect(() => Keyring.parse({ dataKeys: `a:${keyA}`, indexKey: keyA })).toThrow('the index key must differ');
  });

  it('never shows key material when logged or serialised', () => {
    const shown = [inspect(ring), JSON.stringify(ring), String(Object.keys(ring))].join(' ');
    expect(shown).toContain('a');
    for (const secret of [keyA, indexKey, Buffer.from(keyA, 'base64').toString('hex')]) expect(shown).not.toContain(secret);
  });
});

describe('loadOrCreateDevKeyring', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dev-keyring-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates one keyring file of mode 0600 and returns the same keyring afterwards, also to concurrent callers', async () => {
    const [first, second] = await Promise.all([loadOrCreateDevKeyring(dir), loadOrCreateDevKeyring(dir)]);
    expect(second).toEqual(first);
    expect(await loadOrCreateDevKeyring(dir)).toEqual(first);
    expect((await stat(join(dir, 'data-keys.json'))).mode & 0o777).toBe(0o600);
    const sealed = Keyring.parse(first).seal(CODE, at);
    expect(Keyring.parse(await loadOrCreateDevKeyring(dir)).open(sealed, at)).toBe(CODE);
    expect(JSON.parse(await readFile(join(dir, 'data-keys.json'), 'utf8'))).toEqual({
      DATA_KEYS: first.dataKeys,
      DATA_INDEX_KEY: first.indexKey,
    });
  });

  it('generates keys that parse', () => {
    expect(Keyring.parse(generateKeyringConfig('k7')).activeKeyId).toBe('k7');
  });
});

describe('keyringConfigFromEnv', () => {
  it('is null when neither variable is set, and needs both otherwise', () => {
    expect(keyringConfigFromEnv(undefined, undefined)).toBeNull();
    expect(() => keyringConfigFromEnv(`a:${keyA}`, undefined)).toThrow('DATA_INDEX_KEY must be set with DATA_KEYS');
    expect(() => keyringConfigFromEnv(undefined, indexKey)).toThrow('DATA_KEYS must be set with DATA_INDEX_KEY');
    expect(keyringConfigFromEnv(`a:${keyA}`, indexKey)).toEqual({ dataKeys: `a:${keyA}`, indexKey });
  });

  it('names the variable at fault', () => {
    const fault = (dataKeys: string, index: string) => {
      try {
        keyringConfigFromEnv(dataKeys, index);
      } catch (err) {
        return (err as KeyringError).variable;
      }
      return null;
    };
    expect(fault('a:short', indexKey)).toBe('DATA_KEYS');
    expect(fault(`a:${keyA}`, 'short')).toBe('DATA_INDEX_KEY');
  });
});
