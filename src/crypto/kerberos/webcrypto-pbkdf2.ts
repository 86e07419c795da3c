/**
 * PBKDF2-HMAC-SHA1 through the host's WebCrypto (`crypto.subtle`: every browser, workers
 * included, and Node ≥ 20), native code that runs string-to-key's thousands of HMAC rounds in a
 * few milliseconds instead of the pure-JS PBKDF2's hundreds. Asynchronous, as WebCrypto is; the
 * synchronous engine gets its result through string-to-key's cache.
 */

// The few WebCrypto members used, declared here: the pure core is compiled without DOM or Node
// types (tsconfig.core.json).
/** The PBKDF2 hashes Kerberos uses: SHA-1 (RFC 3962, RFC 6803), SHA-256/384 (RFC 8009). */
export type Pbkdf2Hash = 'SHA-1' | 'SHA-256' | 'SHA-384';

interface Pbkdf2Subtle {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: 'PBKDF2',
    extractable: false,
    usages: ['deriveBits'],
  ): Promise<unknown>;
  deriveBits(
    algorithm: { name: 'PBKDF2'; hash: Pbkdf2Hash; salt: Uint8Array; iterations: number },
    baseKey: unknown,
    length: number,
  ): Promise<ArrayBuffer>;
}

function subtle(): Pbkdf2Subtle | null {
  const host = globalThis as unknown as { crypto?: { subtle?: Pbkdf2Subtle } };
  return host.crypto?.subtle ?? null;
}

/** Whether the host offers WebCrypto. */
export const hasWebCrypto = (): boolean => subtle() !== null;

/**
 * PBKDF2-HMAC-SHA1(password, salt, iterations) → `length` bytes (RFC 8018 §5.2), or null when
 * the host has no WebCrypto or refuses the input (e.g. a zero-length password in some engines).
 */
export async function webCryptoPbkdf2Sha1(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array | null> {
  return webCryptoPbkdf2('SHA-1', password, salt, iterations, length);
}

/** PBKDF2 with the given HMAC hash, or null as `webCryptoPbkdf2Sha1`. */
export async function webCryptoPbkdf2(
  hash: Pbkdf2Hash,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array | null> {
  const api = subtle();
  if (!api) return null;
  try {
    const base = await api.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await api.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, length * 8);
    return new Uint8Array(bits);
  } catch {
    return null;
  }
}
