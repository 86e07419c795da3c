import { fail } from '../context';

/**
 * A lean positioned DER/BER header reader. asn1js is kept for building DER; for reading we need
 * exact positions, partial results on truncation and our own error messages, which this gives
 * (X.690 §8 and §10 for the rules).
 */
export interface Tlv {
  /** First identifier octet (tag numbers ≥ 31 are reported through `tagNumber`). */
  tag: number;
  tagClass: 'universal' | 'application' | 'context' | 'private';
  constructed: boolean;
  tagNumber: number;
  offset: number;
  headerLength: number;
  contentOffset: number;
  contentLength: number;
  /** Offset just past the element. */
  end: number;
  /** BER indefinite length (`80`, closed by `00 00`): decoded, flagged as not DER. */
  indefinite: boolean;
  /** Long-form length where the short form would do, or leading zero octets: not DER. */
  nonMinimalLength: boolean;
  /** Content bytes the length claims beyond the available data (0 when complete). */
  missing: number;
}

const CLASSES = ['universal', 'application', 'context', 'private'] as const;

/** Reads the tag and length at `offset`; the element must end by `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv {
  const tlv = readTlvLenient(bytes, offset, limit);
  if (tlv.missing > 0) fail(offset, truncationMessage(tlv, limit));
  return tlv;
}

export function truncationMessage(tlv: Tlv, limit: number): string {
  return `element 0x${tlv.tag.toString(16).padStart(2, '0')} claims ${tlv.contentLength} content bytes but only ${limit - tlv.contentOffset} remain (truncated or wrong length)`;
}

/**
 * Like `readTlv`, but an element whose length runs past `limit` is returned clipped to `limit`
 * with `missing` set, so a decoder can show what is there before reporting the truncation.
 */
export function readTlvLenient(bytes: Uint8Array, offset: number, limit: number): Tlv {
  if (offset >= limit) fail(offset, 'expected a DER tag but the data ended');
  let pos = offset;
  const tag = bytes[pos++];
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let octets = 0;
    for (;;) {
      if (pos >= limit) fail(pos, 'truncated high tag number');
      const b = bytes[pos++];
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if (++octets > 4) fail(offset, 'tag number too large');
      if (!(b & 0x80)) break;
    }
  }
  if (pos >= limit) fail(pos, 'expected a length octet but the data ended');
  const first = bytes[pos++];
  let contentLength: number;
  let indefinite = false;
  let nonMinimalLength = false;
  if (first < 0x80) {
    contentLength = first;
  } else if (first === 0x80) {
    if (!(tag & 0x20)) fail(pos - 1, 'indefinite length on a primitive element');
    indefinite = true;
    contentLength = -1;
  } else {
    const count = first & 0x7f;
    if (count === 0x7f) fail(pos - 1, 'reserved length octet 0xff');
    if (count > 4) fail(pos - 1, `length of ${count} octets is beyond any token`);
    if (pos + count > limit) fail(pos, `expected ${count} length octets but the data ended`);
    contentLength = 0;
    for (let i = 0; i < count; i++) contentLength = contentLength * 256 + bytes[pos++];
    if (bytes[pos - count] === 0 || contentLength < 0x80) nonMinimalLength = true;
  }
  const headerLength = pos - offset;
  let end: number;
  let missing = 0;
  if (indefinite) {
    end = findEndOfContents(bytes, pos, limit);
    contentLength = end - 2 - pos;
  } else {
    end = pos + contentLength;
    if (end > limit) {
      missing = end - limit;
      end = limit;
    }
  }
  return {
    tag,
    tagClass: CLASSES[tag >> 6],
    constructed: (tag & 0x20) !== 0,
    tagNumber,
    offset,
    headerLength,
    contentOffset: pos,
    contentLength,
    end,
    indefinite,
    nonMinimalLength,
    missing,
  };
}

/** Finds the end of an indefinite-length element by walking its children (iteratively). */
function findEndOfContents(bytes: Uint8Array, start: number, limit: number): number {
  let pos = start;
  let open = 1;
  while (open > 0) {
    if (pos + 2 > limit) fail(pos, 'indefinite length without end-of-contents octets');
    if (bytes[pos] === 0 && bytes[pos + 1] === 0) {
      pos += 2;
      open--;
      continue;
    }
    // Read just this header; nested indefinite elements increase the count instead of recursing.
    let p = pos + 1;
    if ((bytes[pos] & 0x1f) === 0x1f) {
      while (p < limit && bytes[p] & 0x80) p++;
      p++;
    }
    if (p >= limit) fail(p, 'expected a length octet but the data ended');
    const first = bytes[p++];
    if (first === 0x80) {
      open++;
      pos = p;
      continue;
    }
    let len = first;
    if (first > 0x80) {
      const count = first & 0x7f;
      if (count > 4 || p + count > limit) fail(p, 'bad length inside indefinite-length element');
      len = 0;
      for (let i = 0; i < count; i++) len = len * 256 + bytes[p++];
    }
    pos = p + len;
    if (pos > limit) fail(p, 'element inside indefinite-length element overruns the data');
  }
  return pos;
}

export function tagName(tag: number): string {
  const cls = tag >> 6;
  const num = tag & 0x1f;
  if (cls === 0) return UNIVERSAL[num] ?? `UNIVERSAL ${num}`;
  const kind = cls === 1 ? 'APPLICATION' : cls === 2 ? '' : 'PRIVATE';
  return `[${kind ? kind + ' ' : ''}${num}]`;
}

const UNIVERSAL: Record<number, string> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  19: 'PrintableString',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
  27: 'GeneralString',
};
