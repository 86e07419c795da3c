import { encode } from '../binary';
import { filetimeOf } from './encode-ndr';
import {
  PAC_CLIENT_INFO,
  PAC_SIGNATURE_DATA,
  SIGNATURE_LENGTHS,
  SIGNATURE_ROLES,
  UPN_DNS_INFO,
} from './pac';
import type { PacSignatureRole } from './types';

/**
 * The PAC's encoder: each buffer written with the same description `readPac` reads it with
 * (PAC_CLIENT_INFO, UPN_DNS_INFO, PAC_SIGNATURE_DATA in `pac.ts`; KERB_VALIDATION_INFO's NDR in
 * `encode-ndr.ts`), then PACTYPE's header and PAC_INFO_BUFFER array laid out before them
 * (MS-PAC §2.3, §2.4).
 */

export { encodeKerbValidationInfo, unicodeString, filetimeOf } from './encode-ndr';

/** One buffer to place: its ulType (MS-PAC §2.4) and content. */
export interface PacBufferInput {
  ulType: number;
  data: Uint8Array;
}

/** A written PAC and where each signature's Signature bytes lie in it. */
export interface EncodedPac {
  bytes: Uint8Array;
  buffers: { ulType: number; Offset: number; cbBufferSize: number }[];
  /** Offset and length of each PAC_SIGNATURE_DATA's Signature, by role (MS-PAC §2.8). */
  signatures: Partial<Record<PacSignatureRole, { offset: number; length: number }>>;
}

const align8 = (n: number) => (n + 7) & ~7;

/**
 * PACTYPE (MS-PAC §2.3): cBuffers, Version 0, the PAC_INFO_BUFFER array, then the buffers in the
 * array's order, each starting on a multiple of 8 (§2.4: "Offset … MUST be a multiple of 8"),
 * the gaps zero. cbBufferSize is each buffer's own size, without the padding.
 */
export function encodePacType(buffers: PacBufferInput[]): EncodedPac {
  let cursor = 8 + 16 * buffers.length;
  const placed = buffers.map((b) => {
    const Offset = align8(cursor);
    cursor = Offset + b.data.length;
    return { ulType: b.ulType, Offset, cbBufferSize: b.data.length };
  });
  const bytes = new Uint8Array(cursor);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, buffers.length, true);
  view.setUint32(4, 0, true);
  const signatures: EncodedPac['signatures'] = {};
  placed.forEach((p, i) => {
    const at = 8 + 16 * i;
    view.setUint32(at, p.ulType, true);
    view.setUint32(at + 4, p.cbBufferSize, true);
    view.setBigUint64(at + 8, BigInt(p.Offset), true);
    bytes.set(buffers[i].data, p.Offset);
    const role = SIGNATURE_ROLES[p.ulType];
    if (role) {
      const type = view.getInt32(p.Offset, true);
      signatures[role] = { offset: p.Offset + 4, length: SIGNATURE_LENGTHS[type] ?? 0 };
    }
  });
  return { bytes, buffers: placed, signatures };
}

/** PAC_CLIENT_INFO (MS-PAC §2.7): ClientId (the ticket's authtime) and the client's name. */
export function encodeClientInfo(info: { ClientId: string; Name: string }): Uint8Array {
  return encode(PAC_CLIENT_INFO, {
    ClientIdTime: filetimeOf(info.ClientId),
    ClientId: info.ClientId,
    NameLength: info.Name.length * 2,
    Name: info.Name,
  });
}

/** UPN_DNS_INFO (MS-PAC §2.10); SamName and Sid are written when flag S (0x2) is set. */
export function encodeUpnDnsInfo(info: {
  Upn: string;
  DnsDomainName: string;
  Flags: number;
  SamName?: string;
  Sid?: string;
}): Uint8Array {
  const extended = (info.Flags & 0x2) !== 0;
  return encode(UPN_DNS_INFO, {
    UpnLength: 0,
    UpnOffset: 0,
    DnsDomainNameLength: 0,
    DnsDomainNameOffset: 0,
    Upn: info.Upn,
    DnsDomainName: info.DnsDomainName,
    Flags: info.Flags,
    ...(extended ? { SamName: info.SamName ?? '', Sid: info.Sid } : {}),
  });
}

/**
 * PAC_SIGNATURE_DATA (MS-PAC §2.8) with a zero Signature of the checksum type's length: the
 * signer fills it in once the PAC is laid out.
 */
export function encodeSignatureData(SignatureType: number): Uint8Array {
  const length = SIGNATURE_LENGTHS[SignatureType];
  if (length === undefined)
    throw new RangeError(`checksum type ${SignatureType} has no PAC signature length`);
  return encode(PAC_SIGNATURE_DATA, { SignatureType, Signature: new Uint8Array(length) });
}
