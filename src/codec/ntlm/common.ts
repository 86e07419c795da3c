import { warn, type DecodeContext } from '../context';
import { leaf, need } from '../binary';
import { addChild, type Node } from '../tree';
import {
  NTLM_MESSAGE_TYPES,
  NTLM_NEGOTIATE_OEM,
  NTLM_REVISIONS,
  NTLMSSP_NEGOTIATE_UNICODE,
  NTLMSSP_NEGOTIATE_VERSION,
  WINDOWS_VERSIONS,
  ntlmFlagsSet,
} from '../../data/ntlm';
import { decodeNtlmString, visibleString, type NtlmCharset } from './strings';
import { readU16LE, readU32LE, toHex } from '../../bytes';

/** Fields shared by the three messages [MS-NLMP §2.2.1]. */

export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

/** Signature and MessageType (the caller has checked the signature bytes). */
export function decodeMessageHeader(
  ctx: DecodeContext,
  message: Node,
  start: number,
  end: number,
): number {
  need(ctx.bytes, start, 12, end, 'the NTLM Signature and MessageType');
  leaf(ctx.bytes, message, 'Signature', start, 8, {
    type: 'bytes',
    label: '"NTLMSSP\\0"',
    spec: 'MS-NLMP §2.2.1.1',
  });
  const type = readU32LE(ctx.bytes, start + 8);
  const info = NTLM_MESSAGE_TYPES[type];
  leaf(ctx.bytes, message, 'MessageType', start + 8, 4, {
    type: 'uint32le',
    value: type,
    label: info ? `${info.name} (${info.structure})` : 'unknown',
    spec: info?.spec ?? 'MS-NLMP §2.2.1',
  });
  return type;
}

/** NegotiateFlags: the number as value, hex and flag names in the label [MS-NLMP §2.2.2.5]. */
export function decodeNegotiateFlags(
  ctx: DecodeContext,
  parent: Node,
  at: number,
  end: number,
): { flags: number; node: Node } {
  need(ctx.bytes, at, 4, end, 'NegotiateFlags');
  const flags = readU32LE(ctx.bytes, at);
  const set = ntlmFlagsSet(flags);
  const node = leaf(ctx.bytes, parent, 'NegotiateFlags', at, 4, {
    type: 'uint32le',
    value: flags,
    label: `${hex32(flags)}: ${set.map((f) => f.name).join(' | ') || 'none'}`,
    spec: 'MS-NLMP §2.2.2.5',
  });
  const reserved = set.filter((f) => f.reserved);
  if (reserved.length > 0) {
    const names = reserved.map((f) => `${f.letter} ${f.name}`).join(', ');
    warn(ctx, node, at, `reserved flag bits set (${names}); they must be zero`);
  }
  return { flags, node };
}

/** VERSION [MS-NLMP §2.2.2.10]: 8 bytes, debug information that receivers ignore. */
export function decodeVersion(ctx: DecodeContext, parent: Node, at: number, flags: number): Node {
  const b = ctx.bytes;
  const major = b[at];
  const minor = b[at + 1];
  const build = readU16LE(b, at + 2);
  const revision = b[at + 7];
  const product = WINDOWS_VERSIONS[`${major}.${minor}`];
  const node = addChild(parent, {
    name: 'Version',
    offset: at,
    length: 8,
    type: 'VERSION',
    value: `${major}.${minor}.${build} rev ${revision}`,
    label: product ? `${product}, build ${build}` : `build ${build}`,
    spec: 'MS-NLMP §2.2.2.10',
  });
  if ((flags & NTLMSSP_NEGOTIATE_VERSION) === 0) {
    node.label += ' (NTLMSSP_NEGOTIATE_VERSION clear: not meaningful)';
  }
  leaf(b, node, 'ProductMajorVersion', at, 1, { type: 'uint8', value: major });
  leaf(b, node, 'ProductMinorVersion', at + 1, 1, { type: 'uint8', value: minor });
  leaf(b, node, 'ProductBuild', at + 2, 2, { type: 'uint16le', value: build });
  leaf(b, node, 'Reserved', at + 4, 3, { type: 'bytes' });
  leaf(b, node, 'NTLMRevisionCurrent', at + 7, 1, {
    type: 'uint8',
    value: revision,
    label: NTLM_REVISIONS[revision] ?? 'unknown revision',
  });
  return node;
}

/**
 * The charset of CHALLENGE and AUTHENTICATE strings: UNICODE wins, OEM is used only when UNICODE
 * is clear, and neither is an error the receiver must reject [MS-NLMP §2.2.2.5, flags A and B].
 */
export function messageCharset(ctx: DecodeContext, flagsNode: Node, flags: number): NtlmCharset {
  if (flags & NTLMSSP_NEGOTIATE_UNICODE) return 'UTF-16LE';
  if ((flags & NTLM_NEGOTIATE_OEM) === 0) {
    warn(ctx, flagsNode, flagsNode.offset, 'neither UNICODE nor OEM is set; strings read as OEM');
  }
  return 'OEM';
}

/** Fills a payload node with the string it holds. */
export function decodeStringInto(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
  charset: NtlmCharset,
): void {
  const text = decodeNtlmString(ctx.bytes, start, end, charset);
  node.type = charset === 'UTF-16LE' ? 'UTF-16LE' : 'OEM string';
  node.value = text;
  node.label = `${visibleString(text)} (${charset})`;
  if (charset === 'UTF-16LE' && (end - start) % 2 !== 0) {
    warn(ctx, node, end - 1, 'UTF-16LE string with an odd number of bytes; last byte ignored');
  }
}

/** Fills a payload node with raw bytes. */
export function bytesInto(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
  label?: string,
): void {
  node.type = 'bytes';
  node.value = toHex(ctx.bytes, start, end);
  if (label) node.label = label;
}

/** Fixed-size byte field. */
export function fixedBytes(
  ctx: DecodeContext,
  parent: Node,
  name: string,
  at: number,
  length: number,
  end: number,
  spec: string,
  label?: string,
): Node {
  need(ctx.bytes, at, length, end, name);
  return leaf(ctx.bytes, parent, name, at, length, { type: 'bytes', spec, label });
}
