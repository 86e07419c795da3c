import { fail, warn, within, type DecodeContext } from '../context';
import { filetimeToIso, leaf, need, type Codec, type Writer } from '../binary';
import { addChild, type Node } from '../tree';
import { AV_IDS, MSV_AV_EOL, MSV_AV_FLAG_BITS } from '../../data/ntlm';
import { hex32 } from './common';
import { visibleString } from './strings';
import {
  decodeUtf16le,
  encodeU32LE,
  encodeU64LE,
  encodeUtf16le,
  readU16LE,
  readU32LE,
  readU64LE,
  toHex,
} from '../../bytes';

const AV_SPEC = 'MS-NLMP §2.2.2.1';

/**
 * One AV_PAIR [MS-NLMP §2.2.2.1]. The value's JavaScript type follows the AvId: string →
 * UTF-16LE (names, MsvAvTargetName), number → u32 (MsvAvFlags), bigint → u64 FILETIME
 * (MsvAvTimestamp), bytes → as given (MsvAvSingleHost, MsvChannelBindings, unknown ids, and any
 * value whose length does not fit its id).
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

/** Writes the list in the given order, with MsvAvEOL appended unless the list already ends with it. */
function writeAvPairs(w: Writer, list: readonly AvPair[]): void {
  const pairs =
    list.length > 0 && list[list.length - 1].id === MSV_AV_EOL
      ? list
      : [...list, { id: MSV_AV_EOL }];
  for (const pair of pairs) {
    const value = encodeAvValue(pair.value);
    if (value.length > 0xffff) throw new RangeError(`AV_PAIR ${pair.id} value exceeds 65535 bytes`);
    w.u16(pair.id);
    w.u16(value.length);
    w.raw(value);
  }
}

/**
 * An AV_PAIR list: `AvId | AvLen | Value` repeated, no padding, ended by MsvAvEOL. Each pair
 * becomes a child named by its AvId, its header (AvId, AvLen) counted in `headerLength` as
 * Wireshark places the value. The node is shortened to end after MsvAvEOL; a list that runs out
 * before it is an error (each pair advances at least four bytes, so the loop ends). The typed
 * value leaves MsvAvEOL out; the encoder adds it.
 */
export const avPairList: Codec<AvPair[]> = {
  type: 'AV_PAIR list',
  nested: true,
  read(ctx, node) {
    const pairs: AvPair[] = [];
    node.length =
      readAvPairs(ctx, node, node.offset, node.offset + node.length, pairs) - node.offset;
    return pairs;
  },
  write: writeAvPairs,
};

/** The list's pairs as children of `parent`; returns the offset just after MsvAvEOL. */
export function readAvPairs(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
  out: AvPair[],
): number {
  const b = ctx.bytes;
  let pos = start;
  for (;;) {
    if (pos >= end) fail(pos, 'AV_PAIR list ends without MsvAvEOL');
    need(b, pos, 4, end, 'an AV_PAIR header (AvId, AvLen)');
    const id = readU16LE(b, pos);
    const len = readU16LE(b, pos + 2);
    const info = AV_IDS[id];
    // Clipped to the list, so a pair whose AvLen overshoots stays inside its parent.
    const pair = addChild(parent, {
      name: info?.name ?? 'AV_PAIR',
      offset: pos,
      length: Math.min(4 + len, end - pos),
      headerLength: 4,
      type: 'AV_PAIR',
      spec: AV_SPEC,
    });
    leaf(b, pair, 'AvId', pos, 2, {
      type: 'uint16le',
      value: id,
      label: info ? info.name : `unknown AvId 0x${id.toString(16).padStart(4, '0')}`,
    });
    leaf(b, pair, 'AvLen', pos + 2, 2, { type: 'uint16le', value: len });
    within(ctx, pair, () => need(b, pos + 4, len, end, `the value of ${pair.name} (AvLen ${len})`));
    if (id === 0) {
      if (len > 0) decodeAvValue(ctx, pair, id, pos + 4, len);
      if (len !== 0) warn(ctx, pair, pair.offset + 2, `MsvAvEOL has AvLen ${len}; it must be 0`);
      pair.label = 'end of list';
      return pos + 4 + len;
    }
    out.push({ id, value: len > 0 ? decodeAvValue(ctx, pair, id, pos + 4, len) : undefined });
    pos += 4 + len;
  }
}

function decodeAvValue(
  ctx: DecodeContext,
  pair: Node,
  id: number,
  at: number,
  len: number,
): AvPair['value'] {
  const b = ctx.bytes;
  const value = leaf(b, pair, 'Value', at, len, { type: 'bytes' });
  const kind = AV_IDS[id]?.kind ?? 'bytes';
  let typed: AvPair['value'] = b.slice(at, at + len);
  const expect = (size: number): boolean => {
    if (len === size) return true;
    warn(ctx, pair, at, `${pair.name} should be ${size} bytes, not ${len}; shown as hex`);
    return false;
  };
  switch (kind) {
    case 'utf16': {
      const text = decodeUtf16le(b, at, at + len);
      Object.assign(value, { type: 'UTF-16LE', value: text, label: visibleString(text) });
      if (len % 2 !== 0)
        warn(ctx, pair, at + len - 1, 'odd-length UTF-16LE value; last byte ignored');
      else typed = text;
      break;
    }
    case 'flags':
      if (expect(4)) {
        const flags = readU32LE(b, at);
        const names = Object.entries(MSV_AV_FLAG_BITS)
          .filter(([bit]) => (flags & Number(bit)) !== 0)
          .map(([, name]) => name);
        const unknown = flags & ~0x7;
        if (unknown) names.push(`unknown bits ${hex32(unknown)}`);
        Object.assign(value, {
          type: 'uint32le',
          value: flags,
          label: `${hex32(flags)}: ${names.join(', ') || 'none'}`,
        });
        typed = flags;
      }
      break;
    case 'filetime':
      if (expect(8)) {
        const ticks = readU64LE(b, at);
        const iso = filetimeToIso(ticks);
        Object.assign(value, { type: 'FILETIME', value: iso, label: iso ?? 'out of range' });
        typed = ticks;
      }
      break;
    case 'singleHost':
      decodeSingleHost(ctx, pair, value, at, len);
      break;
    case 'eol':
      break;
    default:
      if (id === 0x000a && len === 16) {
        value.label = /^0+$/.test(toHex(b, at, at + 16))
          ? 'all zero: no channel bindings'
          : 'MD5 of the channel bindings';
      }
  }
  pair.value = value.value;
  pair.label = value.label;
  return typed;
}

/**
 * Single_Host_Data [MS-NLMP §2.2.2.2]: Size, Z4, CustomData (8), MachineID (32). Later Windows
 * send more bytes after MachineID, which receivers ignore [App. B <23>].
 */
function decodeSingleHost(
  ctx: DecodeContext,
  pair: Node,
  value: Node,
  at: number,
  len: number,
): void {
  const b = ctx.bytes;
  if (len < 48) {
    warn(ctx, pair, at, `Single_Host_Data needs 48 bytes, has ${len}; shown as hex`);
    return;
  }
  const size = readU32LE(b, at);
  value.type = 'Single_Host_Data';
  value.spec = 'MS-NLMP §2.2.2.2';
  value.label = `Size ${size}`;
  leaf(b, value, 'Size', at, 4, { type: 'uint32le', value: size });
  leaf(b, value, 'Z4', at + 4, 4, { type: 'uint32le', value: readU32LE(b, at + 4) });
  leaf(b, value, 'CustomData', at + 8, 8, { type: 'bytes' });
  leaf(b, value, 'MachineID', at + 16, 32, { type: 'bytes' });
  if (len > 48) leaf(b, value, 'Reserved', at + 48, len - 48, { type: 'bytes', label: 'ignored' });
  if (size > len) warn(ctx, pair, at, `Single_Host_Data Size ${size} exceeds AvLen ${len}`);
}

/** TargetInfo: an AV_PAIR list; bytes after MsvAvEOL are shown and flagged [MS-NLMP §2.2.1.2]. */
export const targetInfoCodec: Codec<AvPair[]> = {
  type: 'AV_PAIR list',
  read(ctx, node) {
    const end = node.offset + node.length;
    const pairs: AvPair[] = [];
    const listEnd = readAvPairs(ctx, node, node.offset, end, pairs);
    if (listEnd < end) {
      leaf(ctx.bytes, node, 'Padding', listEnd, end - listEnd, {
        type: 'bytes',
        label: 'after MsvAvEOL',
      });
      warn(ctx, node, listEnd, `${end - listEnd} bytes after MsvAvEOL inside TargetInfo`);
    }
    return pairs;
  },
  write: writeAvPairs,
};

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
