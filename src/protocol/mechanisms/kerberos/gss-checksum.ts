import { requests, type SimConfig } from '../../config';
import { implementationOf, sideProfile } from '../../profiles';
import { md5 } from '../../../crypto';
import { concatBytes, fromHex, toHex } from '../../../bytes';
import { encodeGssChecksum, readGssChecksum } from '../../../codec/kerberos/gss-checksum';
import { CKSUMTYPE_GSSAPI, GSS_CHECKSUM_FLAGS, GSS_FLAG } from '../../../data/kerberos';

export { CKSUMTYPE_GSSAPI, GSS_FLAG };

/** GSS_C_DCE_STYLE (RFC 4757 §7.1; MS-KILE §3.4.5.1): the three-leg, unframed exchange. */
export const DCE_STYLE = 0x1000;

/** DCE style was asked for; it implies mutual authentication (MIT krb5 accept_sec_context.c, kg_accept_krb5()). */
export const dceStyle = (config: SimConfig): boolean => config.kerberos.dceStyle === true;

/**
 * The checksum's Flags (RFC 4121 §4.1.1.1): what the application asked for (all four of replay,
 * sequence, confidentiality and integrity unless `initiator.requestFlags` says otherwise), MUTUAL
 * when mutual authentication is asked or DCE style, DELEG when delegating. MIT's client always
 * adds CONF and INTEG (MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, kg_new_connection():
 * observed as 0x130 with no flags asked, 0x136 from curl asking replay) and, like Heimdal's,
 * GSS_C_TRANS_FLAG (the profile's addsTransFlag).
 */
export function contextFlags(config: SimConfig): number {
  const profile = sideProfile(config, 'initiator');
  const mit = implementationOf(config, 'initiator') === 'mit';
  let flags = 0;
  if (requests(config, 'replay')) flags |= GSS_FLAG.replay;
  if (requests(config, 'sequence')) flags |= GSS_FLAG.sequence;
  if (mit || requests(config, 'conf')) flags |= GSS_FLAG.conf;
  if (mit || requests(config, 'integ')) flags |= GSS_FLAG.integ;
  if (config.initiator.mutual || dceStyle(config)) flags |= GSS_FLAG.mutual;
  if (dceStyle(config)) flags |= DCE_STYLE;
  if (delegates(config)) flags |= GSS_FLAG.deleg;
  if (profile.addsTransFlag) flags |= GSS_FLAG.trans;
  return flags;
}

/**
 * Delegation happens only with a forwardable TGT: MIT's initiator otherwise drops GSS_C_DELEG_FLAG
 * silently and sends no KRB-CRED (MIT krb5 src/lib/gssapi/krb5/init_sec_context.c,
 * make_gss_checksum(): when krb5_fwd_tgt_creds() fails it only clears the flag).
 */
export function delegates(config: SimConfig): boolean {
  return config.initiator.delegation && config.kerberos.forwardableTgt;
}

/** RFC 5929 §4.1: application data `tls-server-end-point:` followed by the certificate's hash. */
export function tlsServerEndPoint(certificateHash: string): Uint8Array {
  return concatBytes(new TextEncoder().encode('tls-server-end-point:'), fromHex(certificateHash));
}

const le32 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);

/**
 * Bnd (RFC 4121 §4.1.1.2): MD5 of gss_channel_bindings_struct laid out as initiator_addrtype,
 * initiator_address, acceptor_addrtype, acceptor_address (here all unused: zero type, zero
 * length) and application_data, each length and type 4 little-endian bytes.
 */
export function channelBindingsHash(applicationData: Uint8Array): Uint8Array {
  return md5(concatBytes(new Uint8Array(16), le32(applicationData.length), applicationData));
}

/** The application data of the bindings the client passes to GSS, or null for none. */
export function initiatorBindings(config: SimConfig): Uint8Array | null {
  return config.kerberos.channelBindings === 'tls-server-end-point'
    ? tlsServerEndPoint(config.kerberos.certificateHash)
    : null;
}

/** Another certificate's hash: what a TLS-terminating proxy in front of the acceptor presents. */
export function otherCertificateHash(config: SimConfig): string {
  return toHex(fromHex(config.kerberos.certificateHash).map((b) => b ^ 0xff));
}

/** The application data of the bindings the acceptor passes to GSS, or null for none. */
export function acceptorBindings(config: SimConfig): Uint8Array | null {
  switch (config.kerberos.acceptorBindings) {
    case 'none':
      return null;
    case 'other-certificate':
      return tlsServerEndPoint(otherCertificateHash(config));
    default:
      return initiatorBindings(config);
  }
}

/**
 * The checksum octets (RFC 4121 §4.1.1): Lgth = 16, Bnd (16 zero bytes without channel
 * bindings), Flags, then with delegation DlgOpt = 1, Dlgth and the KRB-CRED.
 */
export function gssChecksum(flags: number, krbCred?: Uint8Array, bnd?: Uint8Array): Uint8Array {
  return encodeGssChecksum({
    lgth: 16,
    bnd: bnd ?? new Uint8Array(16),
    flags,
    ...(krbCred ? { dlgOpt: 1, krbCred } : {}),
  });
}

export interface ParsedGssChecksum {
  flags: number;
  channelBindings: boolean;
  bnd: Uint8Array;
  krbCred?: Uint8Array;
}

/** Reads the checksum octets back; null when they do not have the RFC 4121 §4.1.1 layout. */
export function parseGssChecksum(bytes: Uint8Array): ParsedGssChecksum | null {
  const read = readGssChecksum(bytes);
  if (!read.ok) return null;
  const { lgth, bnd, flags, dlgOpt, krbCred } = read.value;
  if (lgth !== 16 || (dlgOpt !== undefined && dlgOpt !== 1)) return null;
  const channelBindings = bnd.some((b) => b !== 0);
  return krbCred ? { flags, channelBindings, bnd, krbCred } : { flags, channelBindings, bnd };
}

/** `0x13e (MUTUAL|REPLAY|…)`: the flags with their short names (GSS_C_MUTUAL_FLAG → MUTUAL). */
export function flagText(flags: number): string {
  const names = Object.entries(GSS_CHECKSUM_FLAGS)
    .filter(([bit]) => flags & Number(bit))
    .map(([, name]) => name.replace(/^GSS_C_/, '').replace(/_FLAG$/, ''));
  return `0x${flags.toString(16)} (${names.join('|') || 'none'})`;
}
