import type { SimConfig } from '../../config';

/** Context flags of the 0x8003 checksum (RFC 4121 §4.1.1.1). */
export const GSS_FLAG = {
  deleg: 0x1,
  mutual: 0x2,
  replay: 0x4,
  sequence: 0x8,
  conf: 0x10,
  integ: 0x20,
  trans: 0x100,
} as const;

export const CKSUMTYPE_GSSAPI = 0x8003;

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
 * Flags, then with delegation DlgOpt = 1, Dlgth and the KRB-CRED. Integers are little-endian.
 */
export function gssChecksum(flags: number, krbCred?: Uint8Array): Uint8Array {
  const deleg = krbCred ? 4 + krbCred.length : 0;
  const out = new Uint8Array(24 + deleg);
  const view = new DataView(out.buffer);
  view.setUint32(0, 16, true);
  view.setUint32(20, flags, true);
  if (krbCred) {
    view.setUint16(24, 1, true);
    view.setUint16(26, krbCred.length, true);
    out.set(krbCred, 28);
  }
  return out;
}

export interface ParsedGssChecksum {
  flags: number;
  channelBindings: boolean;
  krbCred?: Uint8Array;
}

/** Reads the checksum octets back; null when they do not have the RFC 4121 §4.1.1 layout. */
export function parseGssChecksum(bytes: Uint8Array): ParsedGssChecksum | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 16) return null;
  const flags = view.getUint32(20, true);
  const channelBindings = bytes.subarray(4, 20).some((b) => b !== 0);
  if (!(flags & GSS_FLAG.deleg) || bytes.length < 28) return { flags, channelBindings };
  const length = view.getUint16(26, true);
  if (view.getUint16(24, true) !== 1 || 28 + length > bytes.length) return null;
  return { flags, channelBindings, krbCred: bytes.slice(28, 28 + length) };
}

const NAMES: [number, string][] = [
  [GSS_FLAG.deleg, 'DELEG'],
  [GSS_FLAG.mutual, 'MUTUAL'],
  [GSS_FLAG.replay, 'REPLAY'],
  [GSS_FLAG.sequence, 'SEQUENCE'],
  [GSS_FLAG.conf, 'CONF'],
  [GSS_FLAG.integ, 'INTEG'],
  [GSS_FLAG.trans, 'TRANS'],
];

export function flagText(flags: number): string {
  const names = NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  return `0x${flags.toString(16)} (${names.join('|') || 'none'})`;
}
