import { fail } from '../context';
import { decodeLatin1, toHex } from '../../bytes';

/** Content decoders for DER primitives. Each reads `[start, end)` of `bytes`. */

export function readOid(bytes: Uint8Array, start: number, end: number): string {
  if (start >= end) fail(start, 'empty OBJECT IDENTIFIER');
  const arcs: string[] = [];
  let value = 0;
  let big: bigint | null = null;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (value === 0 && big === null && b === 0x80)
      fail(i, 'OID arc with a leading 0x80 octet (not minimal)');
    if (big !== null) big = big * 128n + BigInt(b & 0x7f);
    else if (value > 0x1ffffffffffff) big = BigInt(value) * 128n + BigInt(b & 0x7f);
    else value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      const arc = big !== null ? big.toString() : String(value);
      if (arcs.length === 0) {
        const n = big !== null ? Number(big) : value;
        const first = n < 40 ? 0 : n < 80 ? 1 : 2;
        arcs.push(
          String(first),
          big !== null ? (big - BigInt(first * 40)).toString() : String(n - first * 40),
        );
      } else arcs.push(arc);
      value = 0;
      big = null;
    } else if (i === end - 1) fail(i, 'OID ends inside an arc');
  }
  return arcs.join('.');
}

/** INTEGER as a number when it fits in 53 bits, else as a decimal string. */
export function readInteger(bytes: Uint8Array, start: number, end: number): number | string {
  if (start >= end) fail(start, 'empty INTEGER');
  if (end - start <= 6) {
    let v = 0;
    for (let i = start; i < end; i++) v = v * 256 + bytes[i];
    return bytes[start] & 0x80 ? v - 2 ** (8 * (end - start)) : v;
  }
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(bytes[i]);
  if (bytes[start] & 0x80) v -= 1n << BigInt(8 * (end - start));
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v.toString();
}

export function integerIsMinimal(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return true;
  const a = bytes[start];
  const b = bytes[start + 1];
  return !((a === 0 && !(b & 0x80)) || (a === 0xff && b & 0x80));
}

export interface BitString {
  unusedBits: number;
  /** Indices of the bits that are set, bit 0 being the most significant bit of the first octet. */
  set: number[];
  hex: string;
}

export function readBitString(bytes: Uint8Array, start: number, end: number): BitString {
  if (start >= end) fail(start, 'BIT STRING without its unused-bits octet');
  const unusedBits = bytes[start];
  if (unusedBits > 7) fail(start, `BIT STRING unused-bits octet is ${unusedBits}, expected 0–7`);
  if (unusedBits > 0 && end - start === 1) fail(start, 'BIT STRING with unused bits but no data');
  const set: number[] = [];
  const totalBits = (end - start - 1) * 8 - unusedBits;
  for (let bit = 0; bit < totalBits; bit++) {
    if (bytes[start + 1 + (bit >> 3)] & (0x80 >> (bit & 7))) set.push(bit);
  }
  return { unusedBits, set, hex: toHex(bytes, start + 1, end) };
}

/** KerberosTime is `YYYYMMDDHHMMSSZ` (RFC 4120 §5.2.3); returns ISO-8601 or fails at the offset. */
export function readGeneralizedTime(bytes: Uint8Array, start: number, end: number): string {
  const text = decodeLatin1(bytes, start, end);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!m) fail(start, `GeneralizedTime "${printable(text)}" is not YYYYMMDDHHMMSS[.f]Z`);
  const [, y, mo, d, h, mi, s, frac] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +s > 60) {
    fail(start, `GeneralizedTime "${text}" is not a valid date`);
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ?? ''}Z`;
}

export function readUtf8(bytes: Uint8Array, start: number, end: number): string {
  return new TextDecoder('utf-8').decode(bytes.subarray(start, end));
}

/** Makes control characters visible so a label never hides or garbles bytes. */
export function printable(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}
