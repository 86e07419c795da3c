/**
 * Secrets as a user types them (the CLI's options, the Secrets panel's fields): `[USER=]PASSWORD`,
 * `[USER=]NTHASH`, `ETYPE:HEX`. Errors are sentences about the field, never exceptions.
 */
import { fromHex } from '../../bytes';
import { ETYPES } from '../../data/kerberos';
import type { Secrets } from '../types';

/** Key lengths of the encryption types the analysis decrypts (RFC 3962, 8009, 4757, 6803). */
const KEY_BYTES: Record<number, number> = {
  17: 16,
  18: 32,
  19: 16,
  20: 32,
  23: 16,
  25: 16,
  26: 32,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `user=secret` → user and secret; a leading `=` keeps a secret that itself holds `=` whole. */
function splitUser(text: string): { user?: string; secret: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { secret: eq === 0 ? text.slice(1) : text };
  return { user: text.slice(0, eq), secret: text.slice(eq + 1) };
}

export function parsePassword(text: string): Parsed<Secrets['passwords'][number]> {
  const { user, secret } = splitUser(text);
  if (secret === '') return { ok: false, error: 'the password is empty' };
  return {
    ok: true,
    value: user === undefined ? { password: secret } : { user, password: secret },
  };
}

export function parseNtHash(text: string): Parsed<Secrets['ntHashes'][number]> {
  const { user, secret } = splitUser(text.trim());
  const hex = secret.replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex))
    return {
      ok: false,
      error: `an NT hash is 32 hex digits (16 bytes, MD4 of the UTF-16LE password); got ${hex.length} characters`,
    };
  const hash = fromHex(hex);
  return { ok: true, value: user === undefined ? { hash } : { user, hash } };
}

export function parseKey(text: string): Parsed<Secrets['keys'][number]> {
  const match = /^\s*(-?\d+)\s*:\s*(?:0x)?([0-9a-fA-F\s]*)$/.exec(text);
  if (!match)
    return {
      ok: false,
      error: 'write a key as ETYPE:HEX, e.g. 18:3f2a… (aes256-cts-hmac-sha1-96)',
    };
  const etype = Number(match[1]);
  const want = KEY_BYTES[etype];
  if (want === undefined)
    return {
      ok: false,
      error: `encryption type ${etype}${ETYPES[etype] ? ` (${ETYPES[etype]})` : ''} is not one the analysis decrypts: use 17, 18, 19, 20, 23, 25 or 26`,
    };
  const hex = match[2].replace(/\s/g, '');
  if (hex.length !== want * 2)
    return {
      ok: false,
      error: `a key for ${ETYPES[etype] ?? `etype ${etype}`} is ${want} bytes (${want * 2} hex digits); got ${hex.length} hex digits`,
    };
  return { ok: true, value: { etype, key: fromHex(hex) } };
}

export type SecretKind = 'password' | 'nt-hash' | 'key';

export function parseSecret(kind: SecretKind, text: string): Parsed<unknown> {
  return kind === 'password'
    ? parsePassword(text)
    : kind === 'nt-hash'
      ? parseNtHash(text)
      : parseKey(text);
}
