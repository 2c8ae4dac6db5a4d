import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * A value sealed by {@link Keyring.seal}: `v1.<key id>.<iv>.<ciphertext>.<tag>`, each part
 * base64url. Branded so that a plaintext string cannot be assigned where a sealed one is stored.
 */
export type Sealed = string & { readonly __sealed: unique symbol };

/**
 * Where a sealed value lives. It is bound into the ciphertext (AES-GCM additional data), so a
 * value copied to another column or another row no longer opens.
 */
export interface SealContext {
  /** `table.column`, e.g. `subjects.customs_code`. */
  column: string;
  /** The primary key of the row that holds the value. */
  rowId: string;
}

/** `DATA_KEYS` / `DATA_INDEX_KEY` as configured, before parsing; both are secrets. */
export interface KeyringConfig {
  dataKeys: string;
  indexKey: string;
}

/** The environment variables a keyring is configured by. */
export type KeyringVariable = 'DATA_KEYS' | 'DATA_INDEX_KEY';

/** A keyring configuration that cannot be used; names the variable and the problem, never key material. */
export class KeyringError extends Error {
  constructor(
    readonly variable: KeyringVariable,
    /** Completes the sentence "<variable> …". */
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'KeyringError';
  }
}

/** A sealed value that does not open: tampered, moved, under an unknown key, or not sealed at all. */
export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot open sealed value: ${reason}`);
    this.name = 'DecryptionError';
  }
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// 32 bytes in standard or url-safe base64, with or without padding.
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;
const B64URL = '[A-Za-z0-9_-]';

/**
 * The shape of a sealed value as a POSIX regular expression; migrations put it in CHECK constraints
 * so that the database itself refuses a plaintext in an encrypted column.
 */
export const SEALED_PATTERN = `^${VERSION}\\.${B64URL}{1,32}\\.${B64URL}{16}\\.${B64URL}*\\.${B64URL}{22}$`;
const SEALED = new RegExp(SEALED_PATTERN);

function decodeKey(text: string, variable: KeyringVariable, what: string): Buffer {
  const key = KEY_TEXT.test(text) ? Buffer.from(text, 'base64') : null;
  if (key === null || key.length !== KEY_BYTES) {
    throw new KeyringError(variable, `${what} must be ${KEY_BYTES} bytes in base64 (AES-256), e.g. from \`openssl rand -base64 32\``);
  }
  return key;
}

/** Parses `DATA_KEYS`: `<id>:<base64 key>` entries separated by commas, the first one active. */
function parseDataKeys(text: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (!KEY_ID.test(id)) {
      throw new KeyringError(
        'DATA_KEYS',
        `entry ${index + 1} must be <id>:<base64 key>, the id 1–32 letters, digits, _ or -`,
      );
    }
    if (keys.has(id)) throw new KeyringError('DATA_KEYS', `key id "${id}" appears twice`);
    keys.set(id, decodeKey(entry.slice(colon + 1).trim(), 'DATA_KEYS', `key "${id}"`));
  });
  return keys;
}

/**
 * The data keys and the blind-index key. Seals with the active (first) key, opens with any key on
 * the ring, so old ciphertexts keep opening while `keys:rotate` moves them to the active key. Key
 * material never leaves the object: logging or serialising it shows the key ids only.
 */
export class Keyring {
  readonly #keys: Map<string, Buffer>;
  readonly #indexKey: Buffer;
  /** Id of the key new values are sealed with. */
  readonly activeKeyId: string;

  private constructor(keys: Map<string, Buffer>, indexKey: Buffer) {
    this.#keys = keys;
    this.#indexKey = indexKey;
    this.activeKeyId = [...keys.keys()][0] as string;
  }

  /**
   * Checks and loads a configuration. Throws {@link KeyringError} naming the problem (an entry's
   * position or key id, a length) and never echoing a key.
   */
  static parse({ dataKeys, indexKey }: KeyringConfig): Keyring {
    const keys = parseDataKeys(dataKeys);
    const index = decodeKey(indexKey.trim(), 'DATA_INDEX_KEY', 'the index key');
    if ([...keys.values()].some((key) => key.equals(index))) {
      throw new KeyringError('DATA_INDEX_KEY', 'the index key must differ from every data key');
    }
    return new Keyring(keys, index);
  }

  /** Every key id on the ring, the active one first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** Encrypts `plaintext` for the place `context` with the active key and a fresh random IV. */
  seal(plaintext: string, context: SealContext): Sealed {
    const kid = this.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(kid) as Buffer, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(kid, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, kid, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
      '.',
    ) as Sealed;
  }

  /**
   * Decrypts a value sealed for `context`. Fails closed with {@link DecryptionError} — whose
   * message never includes the value — when anything about it is off.
   */
  open(sealed: string, context: SealContext): string {
    if (!SEALED.test(sealed)) throw new DecryptionError('not a sealed value');
    const [, kid, iv, ciphertext, tag] = sealed.split('.') as [string, string, string, string, string];
    const key = this.#keys.get(kid);
    if (!key) throw new DecryptionError(`key "${kid}" is not on the keyring`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(kid, context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('authentication failed');
    }
  }

  /** The key id a sealed value names, or null for anything that is not a sealed value (a plaintext leftover). */
  keyIdOf(value: string): string | null {
    return SEALED.test(value) ? (value.split('.')[1] as string) : null;
  }

  /**
   * A deterministic keyed fingerprint (HMAC-SHA-256, base64url) of `value` for the column `column`,
   * so equal values can be found and compared without decrypting. Scoped by column: the same value
   * in two columns gets two unrelated fingerprints. Keyed with the index key, which no rotation
   * changes.
   */
  blindIndex(value: string, column: string): string {
    return createHmac('sha256', this.#indexKey).update(`${column}\0${value}`, 'utf8').digest('base64url');
  }

  toJSON(): { activeKeyId: string; keyIds: string[] } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `Keyring { active: ${this.activeKeyId}, keys: ${this.keyIds.join(', ')} }`;
  }
}

function additionalData(kid: string, { column, rowId }: SealContext): Buffer {
  return Buffer.from(`${VERSION}\0${kid}\0${column}\0${rowId}`, 'utf8');
}

/**
 * The keyring configuration of an environment: null when neither variable is set (the caller decides
 * whether that is allowed), else both checked. Throws {@link KeyringError} naming the variable.
 */
export function keyringConfigFromEnv(dataKeys: string | undefined, indexKey: string | undefined): KeyringConfig | null {
  if (dataKeys === undefined && indexKey === undefined) return null;
  if (dataKeys === undefined) throw new KeyringError('DATA_KEYS', 'must be set with DATA_INDEX_KEY');
  if (indexKey === undefined) throw new KeyringError('DATA_INDEX_KEY', 'must be set with DATA_KEYS');
  const config = { dataKeys, indexKey };
  Keyring.parse(config);
  return config;
}

/** A fresh configuration: one data key with the given id, and an index key; for development and tests. */
export function generateKeyringConfig(keyId = 'k1'): KeyringConfig {
  return { dataKeys: `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`, indexKey: randomBytes(KEY_BYTES).toString('base64') };
}
