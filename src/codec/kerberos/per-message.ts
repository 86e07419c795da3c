import { leaf, need } from '../binary';
import { fail, warn, within, type DecodeContext } from '../context';
import { CFX_FLAGS, TOK_IDS } from '../../data/kerberos';
import { addChild, type Node, type NodeValue } from '../tree';
import { readU16BE, readU32BE, toHex } from '../../bytes';

/** RFC 4121 §4.2.6 per-message tokens: never GSS-framed, fixed 16-byte header. */

const HEADER = 16;
const FILLER = 0xff;
const SEALED = 0x02;
const KNOWN_FLAGS = 0x07;

const MIC = 0x0404;
const WRAP = 0x0504;
const DELETE = 0x0405;

/** True when `[offset, end)` starts like an RFC 4121 MIC, Wrap or deletion token. */
export function isPerMessageToken(bytes: Uint8Array, offset: number, end: number): boolean {
  if (end - offset < HEADER) return false;
  const id = readU16BE(bytes, offset);
  const flags = bytes[offset + 2];
  if (flags & ~KNOWN_FLAGS) return false;
  if (id === WRAP) return bytes[offset + 3] === FILLER;
  if (id !== MIC && id !== DELETE) return false;
  for (let i = 3; i < 8; i++) if (bytes[offset + i] !== FILLER) return false;
  return true;
}

export function cfxFlagNames(flags: number): string {
  const names: string[] = [];
  for (let bit = 1; bit <= 0x80; bit <<= 1) {
    if (flags & bit) names.push(CFX_FLAGS[bit] ?? `0x${bit.toString(16).padStart(2, '0')}`);
  }
  return names.join(', ') || 'none';
}

/** 64-bit big-endian sequence number: a number when exact, else a decimal string. */
function u64be(bytes: Uint8Array, offset: number): NodeValue {
  const value = (BigInt(readU32BE(bytes, offset)) << 32n) | BigInt(readU32BE(bytes, offset + 4));
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/**
 * Decodes an RFC 4121 MIC (`04 04`), Wrap (`05 04`) or MIT deletion (`04 05`) token occupying
 * `[start, end)` into a node appended to `parent`. Throws a positioned DecodeError (recorded on
 * the token node) when the header is short or the TOK_ID is not one of these.
 */
export function decodePerMessageToken(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  const b = ctx.bytes;
  const id = end - start >= 2 ? readU16BE(b, start) : -1;
  const wrap = id === WRAP;
  const info = TOK_IDS[toHex(b, start, Math.min(start + 2, end))];
  const node: Node = {
    name: wrap ? 'Wrap token' : id === DELETE ? 'context deletion token' : 'MIC token',
    offset: start,
    length: end - start,
    type: 'RFC 4121 token',
    label: info?.name,
    spec: info?.spec ?? 'RFC 4121 §4.2.6',
    children: [],
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    need(b, start, 2, end, 'TOK_ID');
    if (id !== MIC && id !== WRAP && id !== DELETE) {
      leaf(b, node, 'TOK_ID', start, 2, { type: 'bytes', spec: 'RFC 4121 §4.2.6' });
      fail(start, `expected TOK_ID 04 04, 05 04 or 04 05 but found ${toHex(b, start, start + 2)}`);
    }
    const spec = info!.spec;
    leaf(b, node, 'TOK_ID', start, 2, { type: 'bytes', label: info!.name, spec });
    need(b, start + 2, HEADER - 2, end, 'the token header');
    const flags = b[start + 2];
    const flagsNode = leaf(b, node, 'Flags', start + 2, 1, {
      type: 'uint8',
      value: flags,
      label: cfxFlagNames(flags),
      spec: 'RFC 4121 §4.2.2',
    });
    if (flags & ~KNOWN_FLAGS)
      warn(ctx, flagsNode, start + 2, 'undefined Flags bits set (RFC 4121 §4.2.2)');
    if (!wrap && flags & SEALED)
      warn(ctx, flagsNode, start + 2, 'Sealed is only meaningful in Wrap tokens');
    const fillerLength = wrap ? 1 : 5;
    const filler = leaf(b, node, 'Filler', start + 3, fillerLength, { type: 'bytes', spec });
    if (b.subarray(start + 3, start + 3 + fillerLength).some((x) => x !== FILLER)) {
      warn(ctx, filler, start + 3, 'Filler should be all ff');
    }
    let ec = 0;
    let rrc = 0;
    if (wrap) {
      ec = readU16BE(b, start + 4);
      rrc = readU16BE(b, start + 6);
      leaf(b, node, 'EC', start + 4, 2, { type: 'uint16be', value: ec, spec: 'RFC 4121 §4.2.3' });
      leaf(b, node, 'RRC', start + 6, 2, { type: 'uint16be', value: rrc, spec: 'RFC 4121 §4.2.5' });
    }
    leaf(b, node, 'SND_SEQ', start + 8, 8, {
      type: 'uint64be',
      value: u64be(b, start + 8),
      spec: 'RFC 4121 §4.2.6',
    });
    const body = start + HEADER;
    if (!wrap) {
      if (body < end) leaf(b, node, 'SGN_CKSUM', body, end - body, { type: 'bytes', spec });
      return;
    }
    decodeWrapData(ctx, node, body, end, { sealed: (flags & SEALED) !== 0, ec, rrc, spec });
  });
  return node;
}

interface WrapLayout {
  sealed: boolean;
  ec: number;
  rrc: number;
  spec: string;
}

/**
 * Wrap data (RFC 4121 §4.2.4): sealed, it is one ciphertext (we hold no key). Unsealed, it is
 * plaintext then an EC-byte checksum, rotated right by RRC (§4.2.5); we split it when the rotation
 * is none or exactly the checksum (Windows signs with RRC = EC, MS-KILE §3.4.5.4.1).
 */
function decodeWrapData(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
  w: WrapLayout,
): void {
  const b = ctx.bytes;
  const length = end - start;
  if (length === 0) return;
  if (w.sealed) {
    leaf(b, node, 'Data', start, length, {
      type: 'bytes',
      label: `E(plaintext | ${w.ec} filler bytes | token header) with its checksum${w.rrc ? `, rotated right by ${w.rrc}` : ''}`,
      spec: w.spec,
    });
    return;
  }
  const rotation = length > 0 ? w.rrc % length : 0;
  if (w.ec > length || (rotation !== 0 && rotation !== w.ec)) {
    const data = leaf(b, node, 'Data', start, length, {
      type: 'bytes',
      label: `plaintext and checksum, rotated right by ${w.rrc}`,
      spec: w.spec,
    });
    if (w.ec > length) warn(ctx, data, start, `EC (${w.ec}) is longer than the data`);
    return;
  }
  if (rotation === 0) {
    if (length > w.ec)
      leaf(b, node, 'Data', start, length - w.ec, {
        type: 'bytes',
        label: 'plaintext',
        spec: w.spec,
      });
    if (w.ec > 0) leaf(b, node, 'checksum', end - w.ec, w.ec, { type: 'bytes', spec: w.spec });
  } else {
    leaf(b, node, 'checksum', start, w.ec, {
      type: 'bytes',
      label: `rotated to the front (RRC ${w.rrc})`,
      spec: w.spec,
    });
    if (length > w.ec)
      leaf(b, node, 'Data', start + w.ec, length - w.ec, {
        type: 'bytes',
        label: 'plaintext',
        spec: w.spec,
      });
  }
}
