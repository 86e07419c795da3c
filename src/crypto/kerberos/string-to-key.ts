import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { toHex } from '../../bytes';
import { dk } from './derive';
import { etypeProfile, type Etype } from './etypes';
import { camelliaKeyFromTkey, camelliaPbkdf2, camelliaSaltp } from './rfc6803';
import { rc4StringToKey } from './rc4-hmac';
import { sha2KeyFromTkey, sha2Pbkdf2, sha2Saltp } from './rfc8009';
import { webCryptoPbkdf2, type Pbkdf2Hash } from './webcrypto-pbkdf2';

/** RFC 3962 §4: the default s2kparams of aes*-cts-hmac-sha1-96, 0x00001000 (RFC 8009 and
 * RFC 6803 use 32768: `etypeProfile(etype).defaultIterations`). */
export const DEFAULT_ITERATIONS = 4096;

const KERBEROS = new TextEncoder().encode('kerberos');

/** Derived keys by etype, password, salt and iterations (PBKDF2 is the slow step). */
const derived = new Map<string, Uint8Array>();
const CACHE_SIZE = 64;

interface Input {
  etype: Etype;
  password: Uint8Array;
  salt: Uint8Array;
  iterations: number;
  id: string;
}

function input(
  etype: Etype,
  password: string,
  salt: string | Uint8Array,
  iterations: number,
): Input {
  etypeProfile(etype); // throws for an etype not supported here
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

/** PBKDF2's hash and the salt it is given, per etype family. */
function pbkdf2Input(i: Input): { hash: Pbkdf2Hash; salt: Uint8Array } {
  switch (etypeProfile(i.etype).family) {
    case 'rfc8009':
      return { hash: i.etype === 19 ? 'SHA-256' : 'SHA-384', salt: sha2Saltp(i.etype, i.salt) };
    case 'rfc6803':
      return { hash: 'SHA-1', salt: camelliaSaltp(i.etype, i.salt) };
    default:
      return { hash: 'SHA-1', salt: i.salt };
  }
}

/** The key from PBKDF2's output (tkey), per etype family. */
function fromTkey(etype: Etype, tkey: Uint8Array): Uint8Array {
  switch (etypeProfile(etype).family) {
    case 'rfc8009':
      return sha2KeyFromTkey(etype, tkey);
    case 'rfc6803':
      return camelliaKeyFromTkey(etype, tkey);
    default:
      return dk(tkey, KERBEROS);
  }
}

function pureTkey(i: Input): Uint8Array {
  const keyLength = etypeProfile(i.etype).keyLength;
  switch (etypeProfile(i.etype).family) {
    case 'rfc8009':
      return sha2Pbkdf2(i.etype, i.password, i.salt, i.iterations);
    case 'rfc6803':
      return camelliaPbkdf2(i.etype, i.password, i.salt, i.iterations);
    default:
      return pbkdf2(sha1, i.password, i.salt, { c: i.iterations, dkLen: keyLength });
  }
}

/**
 * string-to-key of any implemented etype. AES-SHA1 (RFC 3962 §4): key = DK(PBKDF2-HMAC-SHA1(
 * password, salt, iterations), "kerberos"). AES-SHA2 (RFC 8009 §4): PBKDF2-HMAC-SHA256/384, and
 * Camellia (RFC 6803 §3): PBKDF2-HMAC-SHA1, both over "etype-name" ‖ 0x00 ‖ salt, then their own
 * KDF of "kerberos".
 * RC4-HMAC (RFC 4757 §2): MD4 of the UTF-16LE password; salt and iterations are ignored.
 * Password and salt are UTF-8. `iterations` defaults to the etype's (4096 or 32768).
 * Synchronous and pure JS; a key derived before (here or by `stringToKeyAsync`) comes from a
 * cache.
 */
export function stringToKey(
  etype: Etype,
  password: string,
  salt: string | Uint8Array,
  iterations?: number,
): Uint8Array {
  if (etypeProfile(etype).family === 'rc4-hmac') return rc4StringToKey(password);
  const i = input(etype, password, salt, iterations ?? etypeProfile(etype).defaultIterations);
  let key = derived.get(i.id);
  if (!key) {
    key = fromTkey(etype, pureTkey(i));
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
  etype: Etype,
  password: string,
  salt: string | Uint8Array,
  iterations?: number,
): Promise<Uint8Array> {
  if (etypeProfile(etype).family === 'rc4-hmac') return rc4StringToKey(password);
  const count = iterations ?? etypeProfile(etype).defaultIterations;
  const i = input(etype, password, salt, count);
  const known = derived.get(i.id);
  if (known) return known.slice();
  const p = pbkdf2Input(i);
  const tkey = await webCryptoPbkdf2(
    p.hash,
    i.password,
    p.salt,
    i.iterations,
    etypeProfile(etype).keyLength,
  );
  if (!tkey) return stringToKey(etype, password, salt, count);
  const key = fromTkey(etype, tkey);
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
