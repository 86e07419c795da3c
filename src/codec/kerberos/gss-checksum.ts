import { decodeElement } from '../asn1/decode';
import { leaf, need } from '../binary';
import { contain, warn, type DecodeContext } from '../context';
import { CKSUMTYPE_GSSAPI, GSS_CHECKSUM_EXTENSIONS, GSS_CHECKSUM_FLAGS } from '../../data/kerberos';
import { addChild, type Node } from '../tree';
import { KRB_CRED } from './cred';
import { child, childValue, contentRange, refined } from './refine';
import { Checksum } from './types';
import { readU16LE, readU32BE, readU32LE } from '../../bytes';

const SPEC = 'RFC 4121 §4.1.1';
const DELEG_FLAG = 0x1;

export function gssFlagNames(flags: number): string {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const mask = (1 << bit) >>> 0;
    if (flags & mask) names.push(GSS_CHECKSUM_FLAGS[mask] ?? `0x${mask.toString(16)}`);
  }
  return names.join(', ') || 'none';
}

/**
 * The 0x8003 checksum octets (RFC 4121 §4.1.1): little-endian Lgth, Bnd, Flags,
 * then DlgOpt/Dlgth/Deleg when delegating, then MIT-style big-endian extensions.
 */
export function decodeGssChecksum(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
): void {
  const b = ctx.bytes;
  need(b, start, 4, end, 'Lgth');
  const lgth = readU32LE(b, start);
  const lgthNode = leaf(b, parent, 'Lgth', start, 4, { type: 'uint32le', value: lgth, spec: SPEC });
  if (lgth !== 16) warn(ctx, lgthNode, start, `Lgth is ${lgth}, RFC 4121 §4.1.1 requires 16`);
  let pos = start + 4;
  need(b, pos, lgth, end, 'Bnd');
  const bnd = leaf(b, parent, 'Bnd', pos, lgth, { type: 'bytes', spec: SPEC });
  bnd.label = b.subarray(pos, pos + lgth).every((x) => x === 0)
    ? 'no channel bindings'
    : 'MD5 of the channel bindings';
  pos += lgth;
  need(b, pos, 4, end, 'Flags');
  const flags = readU32LE(b, pos);
  leaf(b, parent, 'Flags', pos, 4, {
    type: 'uint32le',
    value: flags,
    label: gssFlagNames(flags),
    spec: 'RFC 4121 §4.1.1.1',
  });
  pos += 4;
  if (flags & DELEG_FLAG && pos < end) {
    need(b, pos, 4, end, 'DlgOpt and Dlgth');
    const dlgOpt = leaf(b, parent, 'DlgOpt', pos, 2, {
      type: 'uint16le',
      value: readU16LE(b, pos),
      spec: SPEC,
    });
    if (dlgOpt.value !== 1) warn(ctx, dlgOpt, pos, 'DlgOpt should be 1');
    const dlgth = readU16LE(b, pos + 2);
    leaf(b, parent, 'Dlgth', pos + 2, 2, { type: 'uint16le', value: dlgth, spec: SPEC });
    pos += 4;
    need(b, pos, dlgth, end, 'Deleg');
    const deleg = addChild(parent, {
      name: 'Deleg',
      offset: pos,
      length: dlgth,
      type: 'KRB-CRED',
      spec: SPEC,
    });
    const delegEnd = pos + dlgth;
    // Dlgth fixes the span, so a broken KRB-CRED stays inside Deleg and the extensions still decode.
    contain(ctx, deleg, () => {
      const cred = decodeElement(ctx, deleg, KRB_CRED, deleg.offset, delegEnd);
      if (cred.offset + cred.length !== delegEnd) {
        warn(ctx, deleg, cred.offset + cred.length, 'bytes after the KRB-CRED inside Deleg');
      }
    });
    pos = delegEnd;
  }
  if (pos < end) decodeExtensions(ctx, parent, pos, end);
}

function decodeExtensions(ctx: DecodeContext, parent: Node, start: number, end: number): void {
  const b = ctx.bytes;
  const exts = addChild(parent, {
    name: 'Exts',
    offset: start,
    length: end - start,
    spec: SPEC,
    children: [],
  });
  let pos = start;
  while (pos < end) {
    if (end - pos < 8 || readU32BE(b, pos + 4) > end - pos - 8) {
      leaf(b, exts, 'unparsed', pos, end - pos, { type: 'bytes', spec: SPEC });
      warn(ctx, exts, pos, 'extension bytes do not follow the MIT type/length layout');
      return;
    }
    const type = readU32BE(b, pos);
    const length = readU32BE(b, pos + 4);
    const ext = addChild(exts, {
      name: 'extension',
      offset: pos,
      length: 8 + length,
      label: GSS_CHECKSUM_EXTENSIONS[type] ?? `type ${type}`,
      spec: 'MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, make_gss_checksum()',
    });
    leaf(b, ext, 'type', pos, 4, {
      type: 'uint32be',
      value: type,
      label: ext.label,
      spec: ext.spec,
    });
    leaf(b, ext, 'length', pos + 4, 4, { type: 'uint32be', value: length, spec: ext.spec });
    if (length > 0) leaf(b, ext, 'data', pos + 8, length, { type: 'bytes', spec: ext.spec });
    pos += 8 + length;
  }
}

/** Checksum that opens up the GSS-API 0x8003 checksum carried in an AP-REQ Authenticator. */
export const AuthenticatorChecksum = refined(Checksum, (ctx, node) => {
  const checksum = child(node, 'checksum');
  if (childValue(node, 'cksumtype') !== CKSUMTYPE_GSSAPI || !checksum) return;
  const [start, end] = contentRange(checksum);
  delete checksum.value;
  contain(ctx, checksum, () => decodeGssChecksum(ctx, checksum, start, end));
});
