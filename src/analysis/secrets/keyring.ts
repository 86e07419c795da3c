/**
 * The Kerberos keys a user gave, gathered from every source (keytab entries, passwords, raw keys)
 * and offered the way Wireshark's Kerberos dissector offers its keymap: every key of the right
 * encryption type is a candidate, the ones for the right principal and key version first
 * (Wireshark epan/dissectors/packet-kerberos.c, decrypt_krb5_with_cb_try_key()).
 * Passwords become keys only once a principal is known: their salt is that principal's default
 * salt (RFC 4120 §4, realm ‖ name components); an rc4-hmac key is the NT hash (RFC 4757 §2).
 */
import { toHex } from '../../bytes';
import { readKeytab } from '../../codec/keytab';
import { ETYPES } from '../../data/kerberos';
import { isSupportedEtype, principalSalt, stringToKey } from '../../crypto/kerberos';
import type { Secrets } from '../types';
import type { KerberosKey } from './types';

/** A principal as a ticket names it: realm and name components. */
export interface PrincipalRef {
  realm: string;
  components: readonly string[];
}

/** `HTTP/localhost@EXAMPLE.TEST`. */
export function principalText(p: PrincipalRef): string {
  return `${p.components.join('/')}@${p.realm}`;
}

export const etypeName = (etype: number): string => ETYPES[etype] ?? `etype ${etype}`;

/**
 * A key the ring offers, with whether it was made from a password (a failure then means a wrong
 * password).
 */
export interface Candidate extends KerberosKey {
  fromPassword?: boolean;
  /** For a password's key: how it was derived (shown with the key). */
  how?: string;
}

export interface Keyring {
  /** Keytab entries and raw keys, in the order given. */
  keys: KerberosKey[];
  passwords: Secrets['passwords'];
  /** Problems with what was given (a damaged keytab…), as sentences. */
  notes: string[];
}

/**
 * Every keytab entry (in file order) and every raw key; a damaged keytab gives its entries before
 * the damage.
 */
export function buildKeyring(secrets: Secrets): Keyring {
  const keys: KerberosKey[] = [];
  const notes: string[] = [];
  secrets.keytabs.forEach((file, f) => {
    const read = readKeytab(file);
    const which = secrets.keytabs.length > 1 ? `keytab ${f + 1} ` : 'keytab ';
    if (!read.ok) notes.push(`${which}is damaged at byte ${read.offset}: ${read.error}`);
    read.value.entries.forEach((e, i) => {
      const principal = principalText(e.principal);
      keys.push({
        etype: e.enctype,
        key: e.key,
        principal,
        kvno: e.kvno,
        source: `${which}entry ${i + 1} (${principal} kvno ${e.kvno} ${etypeName(e.enctype)})`,
      });
    });
  });
  secrets.keys.forEach((k, i) => {
    keys.push({
      etype: k.etype,
      key: k.key,
      source: `raw key${secrets.keys.length > 1 ? ` ${i + 1}` : ''} (${etypeName(k.etype)})`,
    });
  });
  return { keys, passwords: secrets.passwords, notes };
}

const norm = (s: string) => s.toLowerCase();

/**
 * Whether `user` (from `user=password`) names `p`: case-insensitively, with or without the realm
 * (`HTTP/localhost`, `http/localhost@example.test`).
 */
export function userNames(user: string, p: PrincipalRef): boolean {
  const name = norm(p.components.join('/'));
  const u = norm(user);
  return u === name || u === norm(principalText(p));
}

const samePrincipal = (key: KerberosKey, p: PrincipalRef) =>
  key.principal !== undefined && norm(key.principal) === norm(principalText(p));

/**
 * The keys to try for a ciphertext of `etype` made for principal `p` (key version `kvno` if the
 * ciphertext says): that principal's keys at that kvno, then its other kvnos, then raw keys, then
 * the passwords' keys for it, then any other key of the etype (a ticket for an alias or a
 * renamed principal still opens, as in Wireshark).
 */
export function candidates(
  ring: Keyring,
  etype: number,
  p: PrincipalRef | null,
  kvno?: number,
): Candidate[] {
  return [...candidateKeys(ring, etype, p, kvno)];
}

/**
 * `candidates`, made one at a time: a password's key (PBKDF2, the slow step) only once the keys
 * before it failed.
 */
export function* candidateKeys(
  ring: Keyring,
  etype: number,
  p: PrincipalRef | null,
  kvno?: number,
): Generator<Candidate> {
  const rank = (k: KerberosKey) => {
    if (p && samePrincipal(k, p)) return kvno === undefined || k.kvno === kvno ? 0 : 1;
    return k.principal === undefined ? 2 : 4;
  };
  const ranked = ring.keys
    .filter((k) => k.etype === etype)
    .map((k, i) => ({ k, i, r: rank(k) }))
    .sort((a, b) => a.r - b.r || a.i - b.i);
  for (const x of ranked) if (x.r < 4) yield x.k;
  if (p) yield* passwordKeyGen(ring, etype, p);
  for (const x of ranked) if (x.r === 4) yield x.k;
}

/**
 * The keys the passwords give for `p` with `etype`: every password without a user, and those whose
 * user names `p`.
 */
export function passwordKeys(ring: Keyring, etype: number, p: PrincipalRef): Candidate[] {
  return [...passwordKeyGen(ring, etype, p)];
}

function* passwordKeyGen(ring: Keyring, etype: number, p: PrincipalRef): Generator<Candidate> {
  if (!isSupportedEtype(etype)) return;
  const salt = principalSalt(p.realm, p.components);
  const how =
    etype === 23
      ? 'NT hash of the password (MD4 of its UTF-16LE), RFC 4757 §2'
      : `string-to-key(${etypeName(etype)}, password, salt '${salt}'), RFC 3961 §3`;
  const several = ring.passwords.length > 1;
  for (const [i, pw] of ring.passwords.entries()) {
    if (pw.user !== undefined && !userNames(pw.user, p)) continue;
    const which =
      pw.user !== undefined
        ? `the password of ${pw.user}`
        : `the password${several ? ` ${i + 1}` : ''}`;
    let key: Uint8Array;
    try {
      key = stringToKey(etype, pw.password, salt);
    } catch {
      // An etype whose string-to-key is not implemented here gives no key.
      continue;
    }
    yield {
      etype,
      key,
      principal: principalText(p),
      source: `${which} as ${principalText(p)}'s key`,
      fromPassword: true,
      how,
    };
  }
}

/** The keys given for `p` (any etype, any kvno), to say why none fitted. */
export function keysOf(ring: Keyring, p: PrincipalRef): KerberosKey[] {
  return ring.keys.filter((k) => samePrincipal(k, p));
}

/**
 * The realm's krbtgt keys (for the PAC's KDC signatures, MS-PAC §2.8.2): `krbtgt/REALM@REALM`, or
 * `krbtgt@REALM` as Samba's keytab export names it.
 */
export function krbtgtKeys(ring: Keyring, realm: string): KerberosKey[] {
  const names = [`krbtgt/${realm}@${realm}`, `krbtgt@${realm}`].map(norm);
  return ring.keys.filter((k) => k.principal !== undefined && names.includes(norm(k.principal)));
}

/**
 * Short fingerprint of a key for sentences: its first 4 bytes in hex, as Wireshark prints learnt
 * keys.
 */
export const keyPrefix = (key: Uint8Array) => `${toHex(key.subarray(0, 4))}…`;
