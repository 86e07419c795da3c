import { toDer } from '../../codec/asn1/encode';
import { readDer } from '../../codec/asn1/read';
import { AuthorizationData, EncTicketPart } from '../../codec/kerberos';
import { readPac, type Pac, type PacSignature } from '../../codec/pac';
import { checksumOfType, etypeOfCksumtype } from '../../crypto/kerberos';
import { CKSUMTYPES, ETYPES } from '../../data/kerberos';
import { equalBytes } from '../../bytes';
import type { DerivedValue, SecretResult } from '../types';
import type { KerberosKey } from './types';

/**
 * The PAC of a decrypted ticket: who the user is (MS-PAC §2.5, §2.7, §2.10) and whether its
 * signatures hold. The server signature is a keyed checksum, key usage 17
 * (KERB_NON_KERB_CKSUM_SALT), over the whole PAC with the server and KDC signatures' Signature
 * bytes zeroed (MS-PAC §2.8.4), made with the service's key; the KDC signature is over the server
 * signature's Signature bytes, made with the krbtgt key (§2.8.5); the extended KDC signature is
 * over the whole PAC with the server, KDC and its own Signature zeroed, with the krbtgt key
 * (§2.8.3: computed before the server signature, which covers it). The ticket signature (§2.8.2)
 * covers the EncTicketPart with the PAC's ad-data replaced by one zero byte, with the krbtgt key:
 * checked when the ticket is given.
 */

/** KERB_NON_KERB_CKSUM_SALT (MS-KILE §3.1.5.9), the key usage of every PAC signature. */
export const PAC_KEY_USAGE = 17;

/** AD-IF-RELEVANT (RFC 4120 §5.2.6.1) and AD-WIN2K-PAC (RFC 4120 §7.5.4). */
const AD_IF_RELEVANT = 1;
const AD_WIN2K_PAC = 128;
/** AD-IF-RELEVANT elements opened inside each other at most this deep. */
const MAX_AD_DEPTH = 8;

/** The PACs (ad-data of AD-WIN2K-PAC) in a ticket's authorization-data, inside AD-IF-RELEVANT. */
export function findPacs(authorizationData: AuthorizationData | undefined): Uint8Array[] {
  const found: Uint8Array[] = [];
  const queue: { elements: AuthorizationData; depth: number }[] = [];
  if (authorizationData) queue.push({ elements: authorizationData, depth: 0 });
  while (queue.length > 0) {
    const { elements, depth } = queue.shift()!;
    for (const element of elements) {
      if (element['ad-type'] === AD_WIN2K_PAC) found.push(element['ad-data']);
      else if (element['ad-type'] === AD_IF_RELEVANT && depth < MAX_AD_DEPTH) {
        const inner = readDer(AuthorizationData, element['ad-data']);
        if (inner.ok) queue.push({ elements: inner.value, depth: depth + 1 });
      }
    }
  }
  return found;
}

/**
 * What the ticket signature covers (MS-PAC §2.8.2): the EncTicketPart, DER-encoded, with the ad-data
 * of its AD-WIN2K-PAC element (inside AD-IF-RELEVANT) replaced by a single zero byte. Null when the
 * ticket holds no such PAC.
 */
export function ticketSignatureInput(ticket: EncTicketPart): Uint8Array | null {
  let replaced = false;
  const authorizationData = (ticket['authorization-data'] ?? []).map((element) => {
    if (replaced || element['ad-type'] !== AD_IF_RELEVANT) return element;
    const inner = readDer(AuthorizationData, element['ad-data']);
    if (!inner.ok || !inner.value.some((e) => e['ad-type'] === AD_WIN2K_PAC)) return element;
    replaced = true;
    const zeroed = inner.value.map((e) =>
      e['ad-type'] === AD_WIN2K_PAC ? { ...e, 'ad-data': new Uint8Array(1) } : e,
    );
    return { ...element, 'ad-data': toDer(AuthorizationData, zeroed) };
  });
  if (!replaced) return null;
  return toDer(EncTicketPart, { ...ticket, 'authorization-data': authorizationData });
}

export interface PacKeys {
  /** The service's long-term key: the one that decrypted the ticket. */
  server: KerberosKey | null;
  /** krbtgt keys to try for the KDC signatures. */
  kdc: readonly KerberosKey[];
}

export interface SignatureCheck {
  role: PacSignature['role'];
  /** null: not checked (no key of the checksum's etype). */
  ok: boolean | null;
  /** The key that verified it, or the one that failed (the service key). */
  key?: KerberosKey;
  text: string;
}

const ROLE_NAMES: Record<PacSignature['role'], string> = {
  server: 'server checksum',
  kdc: 'KDC checksum',
  full: 'extended KDC checksum',
  ticket: 'ticket checksum',
};

/** The PAC with the Signature bytes of the given signatures zeroed. */
function zeroed(pac: Uint8Array, signatures: (PacSignature | undefined)[]): Uint8Array {
  const copy = pac.slice();
  for (const s of signatures)
    if (s) copy.fill(0, s.signatureOffset, s.signatureOffset + s.Signature.length);
  return copy;
}

function keyName(key: KerberosKey): string {
  return key.principal ?? key.source;
}

/** Whether `key` can make this checksum type and, if so, whether it gives the Signature. */
function verifies(
  sig: PacSignature,
  key: KerberosKey,
  data: Uint8Array,
): boolean | 'wrong etype' | string {
  const profile = etypeOfCksumtype(sig.SignatureType);
  if (!profile) return `checksum type ${sig.SignatureType} is not supported here`;
  if (profile.etype !== key.etype) return 'wrong etype';
  try {
    return equalBytes(
      checksumOfType(sig.SignatureType, key.key, PAC_KEY_USAGE, data),
      sig.Signature,
    );
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function typeName(sig: PacSignature): string {
  return CKSUMTYPES[sig.SignatureType] ?? `checksum type ${sig.SignatureType}`;
}

function checkServer(pac: Uint8Array, value: Pac, key: KerberosKey | null): SignatureCheck | null {
  const server = value.signatures.find((s) => s.role === 'server');
  if (!server) return null;
  const role = server.role;
  if (!key) return { role, ok: null, text: 'server checksum not checked: no service key' };
  const kdc = value.signatures.find((s) => s.role === 'kdc');
  const result = verifies(server, key, zeroed(pac, [server, kdc]));
  if (result === 'wrong etype')
    return {
      role,
      ok: null,
      text: `server checksum not checked: it is ${typeName(server)} and the service key is ${ETYPES[key.etype] ?? `etype ${key.etype}`}`,
    };
  if (typeof result === 'string')
    return { role, ok: null, text: `server checksum not checked: ${result}` };
  return {
    role,
    ok: result,
    key,
    text: `server checksum ${result ? '✓' : '✗'} with ${keyName(key)}`,
  };
}

/** The KDC-keyed signatures: the first krbtgt key of the right etype that verifies wins. */
function checkKdc(
  sig: PacSignature,
  data: Uint8Array,
  keys: readonly KerberosKey[],
): SignatureCheck {
  const name = ROLE_NAMES[sig.role];
  if (keys.length === 0)
    return { role: sig.role, ok: null, text: `${name} not checked: no krbtgt key` };
  let tried = 0;
  let problem: string | undefined;
  for (const key of keys) {
    const result = verifies(sig, key, data);
    if (result === true)
      return { role: sig.role, ok: true, key, text: `${name} ✓ with ${keyName(key)}` };
    if (result === false) tried++;
    else if (result !== 'wrong etype') problem = result;
  }
  if (tried === 0)
    return {
      role: sig.role,
      ok: null,
      text: `${name} not checked: ${problem ?? `no krbtgt key for ${typeName(sig)}`}`,
    };
  return {
    role: sig.role,
    ok: false,
    text: `${name} ✗ with ${tried === 1 ? 'the krbtgt key' : `each of ${tried} krbtgt keys`}`,
  };
}

/**
 * Every signature of the PAC that a key was given for, checked (MS-PAC §2.8.2–§2.8.5); the ticket
 * signature only when the decrypted ticket is given.
 */
export function checkPacSignatures(
  pac: Uint8Array,
  value: Pac,
  keys: PacKeys,
  ticket?: EncTicketPart,
): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  const server = value.signatures.find((s) => s.role === 'server');
  const kdc = value.signatures.find((s) => s.role === 'kdc');
  const full = value.signatures.find((s) => s.role === 'full');
  const serverCheck = checkServer(pac, value, keys.server);
  if (serverCheck) checks.push(serverCheck);
  else checks.push({ role: 'server', ok: false, text: 'no server checksum' });
  if (!kdc) checks.push({ role: 'kdc', ok: false, text: 'no KDC checksum' });
  else if (!server)
    checks.push({ role: 'kdc', ok: null, text: 'KDC checksum not checked: no server checksum' });
  else checks.push(checkKdc(kdc, server.Signature, keys.kdc));
  if (full) checks.push(checkKdc(full, zeroed(pac, [server, kdc, full]), keys.kdc));
  const signed = value.signatures.find((s) => s.role === 'ticket');
  let input: Uint8Array | null = null;
  try {
    input = signed && ticket ? ticketSignatureInput(ticket) : null;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    checks.push({ role: 'ticket', ok: null, text: `ticket checksum not checked: ${why}` });
  }
  if (signed && input) checks.push(checkKdc(signed, input, keys.kdc));
  return checks;
}

/** Who the PAC says the user is, in a few words. */
function who(value: Pac): string {
  const info = value.logonInfo;
  if (info) {
    const name = info.EffectiveName.text ?? '';
    const domain = info.LogonDomainName.text ?? '';
    const groups = info.GroupIds.length;
    return `${name} (${domain}\\${name}, RID ${info.UserId}, ${groups} group${groups === 1 ? '' : 's'})`;
  }
  if (value.clientInfo) return `${value.clientInfo.Name} (client information only)`;
  return 'no user information';
}

/** The user's SID: LogonDomainId + UserId (MS-PAC §2.5), or UPN_DNS_INFO's Sid (§2.10). */
function userSid(value: Pac): DerivedValue | null {
  const info = value.logonInfo;
  if (info?.LogonDomainId)
    return {
      name: 'user SID',
      value: `${info.LogonDomainId}-${info.UserId}`,
      how: 'LogonDomainId followed by UserId (MS-PAC §2.5)',
    };
  if (value.upnDnsInfo?.Sid)
    return {
      name: 'user SID',
      value: value.upnDnsInfo.Sid,
      how: 'UPN_DNS_INFO Sid (MS-PAC §2.10)',
    };
  return null;
}

/**
 * Reads a PAC and checks its signatures with the keys given; with the decrypted ticket it came
 * from, the ticket signature too.
 */
export function openPac(
  pac: Uint8Array,
  keys: { server: KerberosKey | null; kdc: readonly KerberosKey[] },
  ticket?: EncTicketPart,
): SecretResult {
  const read = readPac(pac);
  if (!read.value) {
    const first = read.errors[0];
    return {
      what: 'PAC',
      ok: false,
      text: `PAC not read: ${first?.message ?? 'no PACTYPE header'}`,
      root: read.root,
    };
  }
  const checks = checkPacSignatures(pac, read.value, keys, ticket);
  const problems = read.errors.map((e) => e.message);
  const text = [`${who(read.value)}; ${checks.map((c) => c.text).join(', ')}`];
  if (problems.length > 0) text.push(`; ${problems.length} structure error(s): ${problems[0]}`);
  const sid = userSid(read.value);
  // Read, but no signature could be checked (no key of the right etype): nothing failed either.
  const unchecked = problems.length === 0 && checks.every((c) => c.ok === null);
  return {
    what: 'PAC',
    ok: !unchecked && problems.length === 0 && checks.every((c) => c.ok !== false),
    text: text.join(''),
    root: read.root,
    ...(sid ? { derived: [sid] } : {}),
    ...(unchecked ? { unchecked: true as const } : {}),
  };
}
