import { fail, warn, within, type DecodeContext } from '../context';
import { filetimeToIso, leaf, need } from '../binary';
import { addChild, type Node } from '../tree';
import { AV_IDS, MSV_AV_FLAG_BITS } from '../../data/ntlm';
import { hex32 } from './common';
import { visibleString } from './strings';
import { decodeUtf16le, readU16LE, readU32LE, readU64LE, toHex } from '../../bytes';

const AV_SPEC = 'MS-NLMP §2.2.2.1';

/**
 * An AV_PAIR list [MS-NLMP §2.2.2.1]: `AvId | AvLen | Value` repeated, no padding, ended by
 * MsvAvEOL. Each pair becomes a child of `parent` named by its AvId. Returns the offset just
 * after MsvAvEOL; a list that runs out before MsvAvEOL is an error (each pair advances at least
 * four bytes, so the loop ends).
 */
export function decodeAvPairs(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
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
    if (len > 0) decodeAvValue(ctx, pair, id, pos + 4, len);
    pos += 4 + len;
    if (id === 0) {
      if (len !== 0) warn(ctx, pair, pair.offset + 2, `MsvAvEOL has AvLen ${len}; it must be 0`);
      pair.label = 'end of list';
      return pos;
    }
  }
}

function decodeAvValue(ctx: DecodeContext, pair: Node, id: number, at: number, len: number): void {
  const b = ctx.bytes;
  const value = leaf(b, pair, 'Value', at, len, { type: 'bytes' });
  const kind = AV_IDS[id]?.kind ?? 'bytes';
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
      }
      break;
    case 'filetime':
      if (expect(8)) {
        const iso = filetimeToIso(readU64LE(b, at));
        Object.assign(value, { type: 'FILETIME', value: iso, label: iso ?? 'out of range' });
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
