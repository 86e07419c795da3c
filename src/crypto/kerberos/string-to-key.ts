import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { toHex } from '../../bytes';
import { dk } from './derive';
import { AES_ETYPES, type AesEtype } from './etypes';
import { webCryptoPbkdf2Sha1 } from './webcrypto-pbkdf2';

/** RFC 3962 §4: the default s2kparams, 0x00001000. */
export const DEFAULT_ITERATIONS = 4096;

const KERBEROS = new TextEncoder().encode('kerberos');

/** Derived keys by etype, password, salt and iterations (PBKDF2 is the slow step). */
const derived = new Map<string, Uint8Array>();
const CACHE_SIZE = 64;

interface Input {
  etype: AesEtype;
  password: Uint8Array;
  salt: Uint8Array;
  iterations: number;
  id: string;
}

function input(
  etype: AesEtype,
  password: string,
  salt: string | Uint8Array,
  iterations: number,
): Input {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`iteration count must be a positive integer, got ${iterations}`);
  }
  const encoder = new TextEncoder();
  const pw = encoder.encode(password);
  const s = typeof salt === 'string' ? encoder.encode(salt) : salt;
  return {
    etype,
    password: pw,
    salt: s,
    iterations,
    id: `${etype}:${iterations}:${toHex(pw)}:${toHex(s)}`,
  };
}

function remember(id: string, key: Uint8Array): void {
  if (derived.size >= CACHE_SIZE) derived.delete(derived.keys().next().value!);
  derived.set(id, key);
}

/**
 * string-to-key for AES (RFC 3962 §4): tkey = random-to-key(PBKDF2-HMAC-SHA1(password, salt,
 * iterations, key length)), key = DK(tkey, "kerberos"). Password and salt are UTF-8.
 * Synchronous and pure JS; a key derived before (here or by `stringToKeyAsync`) comes from a
 * cache.
 */
export function stringToKey(
  etype: AesEtype,
  password: string,
  salt: string | Uint8Array,
  iterations = DEFAULT_ITERATIONS,
): Uint8Array {
  const i = input(etype, password, salt, iterations);
  let key = derived.get(i.id);
  if (!key) {
    const tkey = pbkdf2(sha1, i.password, i.salt, {
      c: i.iterations,
      dkLen: AES_ETYPES[etype].keyLength,
    });
    key = dk(tkey, KERBEROS);
    remember(i.id, key);
  }
  return key.slice();
}

/**
 * The same key as `stringToKey`, with PBKDF2 run by the host's WebCrypto (native, a few
 * milliseconds) when it has one, and kept in the cache `stringToKey` reads: awaiting this before
 * a synchronous run takes string-to-key off its critical path. Byte for byte the same key.
 */
export async function stringToKeyAsync(
  etype: AesEtype,
  password: string,
  salt: string | Uint8Array,
  iterations = DEFAULT_ITERATIONS,
): Promise<Uint8Array> {
  const i = input(etype, password, salt, iterations);
  const known = derived.get(i.id);
  if (known) return known.slice();
  const tkey = await webCryptoPbkdf2Sha1(
    i.password,
    i.salt,
    i.iterations,
    AES_ETYPES[etype].keyLength,
  );
  if (!tkey) return stringToKey(etype, password, salt, iterations);
  const key = dk(tkey, KERBEROS);
  remember(i.id, key);
  return key.slice();
}

/** Empties the cache of derived keys (tests compare the two derivations). */
export function clearStringToKeyCache(): void {
  derived.clear();
}

/** The default salt: the realm followed by every component of the principal name (RFC 4120 §4). */
export function principalSalt(realm: string, components: readonly string[]): string {
  return realm + components.join('');
}
