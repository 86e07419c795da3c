import type { SimConfig } from '../../config';
import { encodeGssChecksum, readGssChecksum } from '../../../codec/kerberos/gss-checksum';
import { CKSUMTYPE_GSSAPI, GSS_CHECKSUM_FLAGS, GSS_FLAG } from '../../../data/kerberos';

export { CKSUMTYPE_GSSAPI, GSS_FLAG };

/**
 * The flags the client asks for: replay and sequence detection with confidentiality and
 * integrity, as a typical application requests them; MUTUAL when mutual authentication is asked;
 * DELEG when delegating. MIT always adds GSS_C_TRANS_FLAG (MIT krb5
 * src/lib/gssapi/krb5/init_sec_context.c, kg_new_connection(); an MIT krb5 1.20 client sends 0x13e).
 */
export function contextFlags(config: SimConfig): number {
  let flags = GSS_FLAG.replay | GSS_FLAG.sequence | GSS_FLAG.conf | GSS_FLAG.integ;
  if (config.initiator.mutual) flags |= GSS_FLAG.mutual;
  if (config.initiator.delegation) flags |= GSS_FLAG.deleg;
  if (config.profile === 'mit') flags |= GSS_FLAG.trans;
  return flags;
}

/**
 * The checksum octets (RFC 4121 §4.1.1): Lgth = 16, Bnd = 16 zero bytes (no channel bindings),
 * Flags, then with delegation DlgOpt = 1, Dlgth and the KRB-CRED.
 */
export function gssChecksum(flags: number, krbCred?: Uint8Array): Uint8Array {
  return encodeGssChecksum({
    lgth: 16,
    bnd: new Uint8Array(16),
    flags,
    ...(krbCred ? { dlgOpt: 1, krbCred } : {}),
  });
}

export interface ParsedGssChecksum {
  flags: number;
  channelBindings: boolean;
  krbCred?: Uint8Array;
}

/** Reads the checksum octets back; null when they do not have the RFC 4121 §4.1.1 layout. */
export function parseGssChecksum(bytes: Uint8Array): ParsedGssChecksum | null {
  const read = readGssChecksum(bytes);
  if (!read.ok) return null;
  const { lgth, bnd, flags, dlgOpt, krbCred } = read.value;
  if (lgth !== 16 || (dlgOpt !== undefined && dlgOpt !== 1)) return null;
  const channelBindings = bnd.some((b) => b !== 0);
  return krbCred ? { flags, channelBindings, krbCred } : { flags, channelBindings };
}

/** `0x13e (MUTUAL|REPLAY|…)`: the flags with their short names (GSS_C_MUTUAL_FLAG → MUTUAL). */
export function flagText(flags: number): string {
  const names = Object.entries(GSS_CHECKSUM_FLAGS)
    .filter(([bit]) => flags & Number(bit))
    .map(([, name]) => name.replace(/^GSS_C_/, '').replace(/_FLAG$/, ''));
  return `0x${flags.toString(16)} (${names.join('|') || 'none'})`;
}
