import { fail } from '../../../codec/context';

/**
 * Field access for the NTLM messages a simulated peer receives (MS-NLMP §2.2.1): fixed offsets
 * and the Len/MaxLen/Offset descriptors. The inspector's full decoder lives in src/codec/ntlm;
 * here a side needs only the values it computes with.
 */
export function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32(b: Uint8Array, o: number): number {
  return (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
}

/** The payload a Len/MaxLen/Offset descriptor at `at` points to. */
export function payload(b: Uint8Array, at: number): Uint8Array {
  const len = u16(b, at);
  const offset = u32(b, at + 4);
  if (offset + len > b.length) fail(at, 'NTLM payload descriptor points past the message');
  return b.slice(offset, offset + len);
}

export function messageType(b: Uint8Array): number {
  const signature = 'NTLMSSP\0';
  for (let i = 0; i < 8; i++) if (b[i] !== signature.charCodeAt(i)) return 0;
  return b.length >= 12 ? u32(b, 8) : 0;
}

export function utf16(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(u16(b, i));
  return s;
}

export interface AvPairValue {
  id: number;
  value: Uint8Array;
}

/** AV_PAIR list (MS-NLMP §2.2.2.1), up to and excluding MsvAvEOL. */
export function avPairs(b: Uint8Array): AvPairValue[] {
  const out: AvPairValue[] = [];
  for (let o = 0; o + 4 <= b.length;) {
    const id = u16(b, o);
    const len = u16(b, o + 2);
    if (id === 0) break;
    out.push({ id, value: b.slice(o + 4, o + 4 + len) });
    o += 4 + len;
  }
  return out;
}
