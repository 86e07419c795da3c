import { MSV_AV_EOL } from '../../data/ntlm';
import { concatBytes, encodeU32LE, encodeU64LE, encodeUtf16le, writeU16LE } from '../../bytes';

/**
 * One AV_PAIR to encode [MS-NLMP §2.2.2.1]. The value's JavaScript type picks the encoding:
 * string → UTF-16LE (names, MsvAvTargetName), number → u32 (MsvAvFlags), bigint → u64 FILETIME
 * (MsvAvTimestamp), bytes → as given (MsvAvSingleHost, MsvChannelBindings, anything else).
 */
export interface AvPair {
  id: number;
  value?: string | number | bigint | Uint8Array;
}

export function encodeAvValue(value: AvPair['value']): Uint8Array {
  if (value === undefined) return new Uint8Array(0);
  if (typeof value === 'string') return encodeUtf16le(value);
  if (typeof value === 'number') return encodeU32LE(value);
  if (typeof value === 'bigint') return encodeU64LE(value);
  return value;
}

/** The list in the given order, with MsvAvEOL appended unless the list already ends with it. */
export function encodeAvPairs(list: readonly AvPair[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const pairs =
    list.length > 0 && list[list.length - 1].id === MSV_AV_EOL
      ? list
      : [...list, { id: MSV_AV_EOL }];
  for (const pair of pairs) {
    const value = encodeAvValue(pair.value);
    if (value.length > 0xffff) throw new RangeError(`AV_PAIR ${pair.id} value exceeds 65535 bytes`);
    const header = new Uint8Array(4);
    writeU16LE(header, 0, pair.id);
    writeU16LE(header, 2, value.length);
    parts.push(header, value);
  }
  return concatBytes(...parts);
}

const FILETIME_UNIX_EPOCH = 116444736000000000n; // 1970-01-01 in 100 ns units since 1601

/** FILETIME of a Date (millisecond precision). */
export function filetimeFromDate(date: Date): bigint {
  return BigInt(date.getTime()) * 10000n + FILETIME_UNIX_EPOCH;
}

/**
 * FILETIME of an ISO-8601 UTC time with up to 7 fractional digits — the inverse of the
 * decoder's timestamp values, which keep FILETIME's 100 ns precision.
 */
export function filetimeFromIso(iso: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO-8601 UTC time: ${iso}`);
  const seconds = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(seconds)) throw new RangeError(`not an ISO-8601 UTC time: ${iso}`);
  const fraction = BigInt((m[2] ?? '').padEnd(7, '0'));
  return BigInt(seconds) * 10000n + fraction + FILETIME_UNIX_EPOCH;
}
