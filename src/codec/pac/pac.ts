import { contain, createContext, fail, warn, within, type DecodeContext } from '../context';
import { addChild, type Node } from '../tree';
import {
  bytes,
  fieldsOf,
  filetime,
  readInto,
  struct,
  u16,
  u32,
  type Codec,
  type Descriptor,
} from '../binary';
import { CKSUMTYPES, ETYPES } from '../../data/kerberos';
import { readU32LE, readU64LE, toHex } from '../../bytes';
import { filetimeText, readBinarySid, sidChildren, utf16 } from './common';
import { readKerbValidationInfo, readS4uDelegationInfo, flagNames } from './ndr';
import type {
  Pac,
  PacAttributesInfo,
  PacClientInfo,
  PacCredentialInfo,
  PacInfoBuffer,
  PacSignatureRole,
  UpnDnsInfo,
} from './types';

/**
 * The PAC (MS-PAC §2.3): a PACTYPE header, an array of PAC_INFO_BUFFER, and the buffers they
 * point at, each read by its ulType. The tree's offsets count from the PAC's first byte. A
 * buffer whose Offset or size leaves the PAC, or whose content is broken, gets the error on its
 * own node and the others are still read.
 */

export interface PacRead {
  root: Node;
  /** Null only when the PACTYPE header itself cannot be read. */
  value: Pac | null;
  errors: { offset: number; message: string }[];
}

/** ulType values (MS-PAC §2.4): name, the node name of the buffer, its section. */
export const PAC_BUFFER_TYPES: Record<number, { name: string; node: string; spec: string }> = {
  1: { name: 'Logon information', node: 'PAC_LOGON_INFO', spec: 'MS-PAC §2.5' },
  2: { name: 'Credentials information', node: 'PAC_CREDENTIAL_INFO', spec: 'MS-PAC §2.6.1' },
  6: { name: 'Server checksum', node: 'PAC_SIGNATURE_DATA', spec: 'MS-PAC §2.8.4' },
  7: { name: 'KDC checksum', node: 'PAC_SIGNATURE_DATA', spec: 'MS-PAC §2.8.5' },
  10: { name: 'Client name and ticket information', node: 'PAC_CLIENT_INFO', spec: 'MS-PAC §2.7' },
  11: {
    name: 'Constrained delegation information',
    node: 'PAC_CONSTRAINED_DELEGATION',
    spec: 'MS-PAC §2.9',
  },
  12: { name: 'UPN and DNS information', node: 'UPN_DNS_INFO', spec: 'MS-PAC §2.10' },
  13: { name: 'Client claims information', node: 'PAC_CLIENT_CLAIMS_INFO', spec: 'MS-PAC §2.11' },
  14: { name: 'Device information', node: 'PAC_DEVICE_INFO', spec: 'MS-PAC §2.12' },
  15: { name: 'Device claims information', node: 'PAC_DEVICE_CLAIMS_INFO', spec: 'MS-PAC §2.13' },
  16: { name: 'Ticket checksum', node: 'PAC_SIGNATURE_DATA', spec: 'MS-PAC §2.8.2' },
  17: { name: 'PAC attributes', node: 'PAC_ATTRIBUTES_INFO', spec: 'MS-PAC §2.14' },
  18: { name: 'PAC requestor', node: 'PAC_REQUESTOR', spec: 'MS-PAC §2.15' },
  19: { name: 'Extended KDC checksum', node: 'PAC_SIGNATURE_DATA', spec: 'MS-PAC §2.8.3' },
};

export const SIGNATURE_ROLES: Record<number, PacSignatureRole> = {
  6: 'server',
  7: 'kdc',
  16: 'ticket',
  19: 'full',
};

const PACTYPE_SPEC = 'MS-PAC §2.3';
const INFO_BUFFER_SPEC = 'MS-PAC §2.4';

/** Signature lengths of the checksum types a PAC carries (RFC 3962 §7, RFC 4757 §4, RFC 8009 §5, RFC 6803 §5). */
export const SIGNATURE_LENGTHS: Record<number, number> = {
  15: 12,
  16: 12,
  17: 16,
  18: 16,
  19: 16,
  20: 24,
  [-138]: 16,
};

/** SignatureType: a ULONG holding a signed checksum type (-138 is 0xFFFFFF76). */
const signatureType: Codec<number> = {
  type: 'int32le',
  size: 4,
  read(ctx, node) {
    const v = readU32LE(ctx.bytes, node.offset) | 0;
    node.value = v;
    node.label = CKSUMTYPES[v] ?? 'unknown checksum type';
    return v;
  },
  write: (w, v) => w.u32(v >>> 0),
};

export interface SignatureData {
  SignatureType: number;
  Signature: Uint8Array;
  RODCIdentifier?: number;
}

const sig = fieldsOf<SignatureData>();

/** PAC_SIGNATURE_DATA (MS-PAC §2.8): the Signature's length follows from SignatureType. */
export const PAC_SIGNATURE_DATA = struct<SignatureData>({
  typeName: 'PAC_SIGNATURE_DATA',
  fields: [
    sig.value('SignatureType', 'SignatureType', signatureType),
    sig.value('Signature', 'Signature', (v) => bytes(SIGNATURE_LENGTHS[v.SignatureType ?? 0])),
    sig.value('RODCIdentifier', 'RODCIdentifier', u16, { when: (r) => r.end - r.pos >= 2 }),
  ],
});

const client = fieldsOf<PacClientInfo & { ClientIdTime: bigint }>();

/** PAC_CLIENT_INFO (MS-PAC §2.7). */
export const PAC_CLIENT_INFO = struct<PacClientInfo & { ClientIdTime: bigint }>({
  typeName: 'PAC_CLIENT_INFO',
  fields: [
    client.value('ClientIdTime', 'ClientId', filetime),
    client.value('NameLength', 'NameLength', u16, {
      check: (r, node) => {
        if ((r.value.NameLength ?? 0) % 2 !== 0)
          warn(r.ctx, node, node.offset, 'NameLength is odd; the name is UTF-16LE');
      },
    }),
    client.value('Name', 'Name', utf16, { sizeFrom: 'NameLength' }),
  ],
});

type CredentialInfo = PacCredentialInfo;
const cred = fieldsOf<CredentialInfo>();

/** PAC_CREDENTIAL_INFO (MS-PAC §2.6.1): encrypted with the AS reply key, usage 16 (§2.6.1). */
const PAC_CREDENTIAL_INFO = struct<CredentialInfo>({
  typeName: 'PAC_CREDENTIAL_INFO',
  fields: [
    cred.value('Version', 'Version', u32),
    cred.value('EncryptionType', 'EncryptionType', u32, {
      check: (r, node) => {
        node.label = ETYPES[r.value.EncryptionType ?? 0] ?? 'unknown etype';
      },
    }),
    cred.value('SerializedData', 'SerializedData', bytes(undefined, 'encrypted')),
  ],
});

/** A binary SID (MS-DTYP §2.4.2.2) filling its node. */
const binarySid: Codec<string> = {
  type: 'SID',
  nested: true,
  read(ctx, node) {
    const sid = readBinarySid(ctx.bytes, node.offset, node.offset + node.length);
    if ('error' in sid) fail(sid.offset, sid.error);
    sidChildren(ctx.bytes, node, node.offset, ctx.bytes[node.offset + 1]);
    node.value = sid.sid;
    if (sid.length < node.length)
      warn(ctx, node, node.offset + sid.length, `${node.length - sid.length} bytes after the SID`);
    return sid.sid;
  },
  write(w, v) {
    const [, revision, authority, ...subs] = v.split('-');
    w.u8(Number(revision));
    w.u8(subs.length);
    const auth = BigInt(authority);
    for (let i = 5; i >= 0; i--) w.u8(Number((auth >> BigInt(8 * i)) & 0xffn));
    for (const s of subs) w.u32(Number(s));
  },
};

/** UPN_DNS_INFO's descriptors: a USHORT length then a USHORT offset from the structure's start. */
const upnDescriptor: Descriptor = {
  size: 4,
  read(ctx, parent, at, name, spec) {
    const len = ctx.bytes[at] | (ctx.bytes[at + 1] << 8);
    const offset = ctx.bytes[at + 2] | (ctx.bytes[at + 3] << 8);
    addChild(parent, {
      name: `${name}Length`,
      offset: at,
      length: 2,
      type: 'uint16le',
      value: len,
    });
    const node = addChild(parent, {
      name: `${name}Offset`,
      offset: at + 2,
      length: 2,
      type: 'uint16le',
      value: offset,
      label: 'from the start of UPN_DNS_INFO',
    });
    return { name, node, len, maxLen: len, offset, spec, lenAt: at, offsetAt: at + 2 };
  },
  write(w, at, length, offset) {
    w.patchU16(at, length);
    w.patchU16(at + 2, offset);
  },
};

export type UpnValue = UpnDnsInfo & { layout?: unknown };
const upn = fieldsOf<UpnValue>();
const UPN_SPEC = 'MS-PAC §2.10';
/** Flag S: SamName and Sid follow (MS-PAC §2.10). */
const UPN_FLAG_S = 0x2;
const extended = (r: { value: Partial<UpnValue> }) => ((r.value.Flags ?? 0) & UPN_FLAG_S) !== 0;

/** UPN_DNS_INFO (MS-PAC §2.10), with SamName and Sid when flag S is set. */
export const UPN_DNS_INFO = struct<UpnValue>({
  typeName: 'UPN_DNS_INFO',
  spec: UPN_SPEC,
  fields: [
    upn.pointer('Upn', 'Upn', utf16, { descriptor: upnDescriptor }),
    upn.pointer('DnsDomainName', 'DnsDomainName', utf16, { descriptor: upnDescriptor }),
    upn.value('Flags', 'Flags', u32, {
      check: (r, node) => {
        node.label = flagNames(r.value.Flags ?? 0, [
          [0x1, 'U (the user has no UPN; it was built from the account name)'],
          [UPN_FLAG_S, 'S (SamName and Sid follow)'],
        ]);
      },
    }),
    upn.pointer('SamName', 'SamName', utf16, { descriptor: upnDescriptor, when: extended }),
    upn.pointer('Sid', 'Sid', binarySid, { descriptor: upnDescriptor, when: extended }),
  ],
  payload: {
    order: ['Upn', 'DnsDomainName', 'SamName', 'Sid'],
    emptyOffset: 'zero',
    emptyItems: false,
  },
  after(r) {
    const v = r.value;
    for (const key of ['Upn', 'DnsDomainName', 'SamName', 'Sid'] as const) {
      const p = r.pointer(key);
      if (!p) continue;
      (v as Record<string, unknown>)[`${key}Length`] = p.len;
      (v as Record<string, unknown>)[`${key}Offset`] = p.offset;
    }
    delete v.layout;
  },
});

/** PAC_ATTRIBUTES_INFO (MS-PAC §2.14): FlagsLength bits, then that many bits in ULONGs. */
function readAttributesInfo(ctx: DecodeContext, node: Node): PacAttributesInfo {
  const start = node.offset;
  const end = start + node.length;
  if (end - start < 4)
    fail(start, `expected 4 bytes for FlagsLength but only ${end - start} remain`);
  const FlagsLength = readU32LE(ctx.bytes, start);
  addChild(node, {
    name: 'FlagsLength',
    offset: start,
    length: 4,
    type: 'uint32le',
    value: FlagsLength,
    label: 'bits',
  });
  const words = Math.ceil(FlagsLength / 32);
  if (words * 4 > end - start - 4)
    fail(
      start,
      `FlagsLength ${FlagsLength} needs ${words * 4} bytes of Flags but only ${end - start - 4} remain`,
    );
  const Flags: number[] = [];
  for (let i = 0; i < words; i++) {
    const v = readU32LE(ctx.bytes, start + 4 + 4 * i);
    Flags.push(v);
    addChild(node, {
      name: 'Flags',
      offset: start + 4 + 4 * i,
      length: 4,
      type: 'uint32le',
      value: v,
      label:
        i === 0
          ? flagNames(v, [
              [0x1, 'PAC_WAS_REQUESTED'],
              [0x2, 'PAC_WAS_GIVEN_IMPLICITLY'],
            ])
          : undefined,
    });
  }
  node.length = 4 + 4 * words;
  return { FlagsLength, Flags };
}

function signatureLabel(role: PacSignatureRole, s: SignatureData): string {
  const name = CKSUMTYPES[s.SignatureType] ?? `checksum type ${s.SignatureType}`;
  return `${PAC_BUFFER_TYPES[{ server: 6, kdc: 7, ticket: 16, full: 19 }[role]].name}, ${name}`;
}

/** Reads one buffer's content into `node`, recording what it is in `pac`. */
function readBuffer(ctx: DecodeContext, node: Node, buffer: PacInfoBuffer, pac: Pac): void {
  const type = buffer.ulType;
  switch (type) {
    case 1:
      pac.logonInfo = readKerbValidationInfo(ctx, node);
      return;
    case 2:
      pac.credentialInfo = readInto(ctx, node, PAC_CREDENTIAL_INFO);
      node.label = 'encrypted with the AS reply key';
      return;
    case 6:
    case 7:
    case 16:
    case 19: {
      const role = SIGNATURE_ROLES[type];
      const s = readInto(ctx, node, PAC_SIGNATURE_DATA);
      node.label = signatureLabel(role, s);
      pac.signatures.push({ ...s, role, ulType: type, signatureOffset: node.offset + 4 });
      return;
    }
    case 10: {
      const { ClientIdTime, NameLength, Name } = readInto(ctx, node, PAC_CLIENT_INFO);
      pac.clientInfo = { ClientId: filetimeText(ClientIdTime), NameLength, Name };
      node.label = Name;
      return;
    }
    case 11:
      pac.delegationInfo = readS4uDelegationInfo(ctx, node);
      return;
    case 12: {
      const v = readInto(ctx, node, UPN_DNS_INFO);
      pac.upnDnsInfo = v;
      node.label = [v.Upn, v.DnsDomainName].filter(Boolean).join(', ');
      return;
    }
    case 17:
      pac.attributesInfo = within(ctx, node, () => readAttributesInfo(ctx, node));
      return;
    case 18: {
      const sidNode = addChild(node, {
        name: 'Sid',
        offset: node.offset,
        length: node.length,
        type: 'SID',
      });
      pac.requestorSid = readInto(ctx, sidNode, binarySid);
      node.value = pac.requestorSid;
      return;
    }
    default:
      // Claims and device information are NDR-wrapped structures of their own (MS-PAC §2.11–§2.13):
      // they are shown as their bytes.
      node.value = toHex(ctx.bytes, node.offset, node.offset + node.length);
  }
}

/** Reads a PAC (the ad-data of an AD-WIN2K-PAC element, RFC 4120 §7.5.4 / MS-PAC §2.3). Never throws. */
export function readPac(bytes: Uint8Array): PacRead {
  const ctx = createContext(bytes);
  const root: Node = {
    name: 'PACTYPE',
    offset: 0,
    length: bytes.length,
    type: 'PACTYPE',
    spec: PACTYPE_SPEC,
  };
  let value: Pac | null = null;
  contain(ctx, root, () => {
    if (bytes.length < 8)
      fail(0, `expected 8 bytes for cBuffers and Version but only ${bytes.length} remain`);
    const cBuffers = readU32LE(bytes, 0);
    const Version = readU32LE(bytes, 4);
    addChild(root, { name: 'cBuffers', offset: 0, length: 4, type: 'uint32le', value: cBuffers });
    const versionNode = addChild(root, {
      name: 'Version',
      offset: 4,
      length: 4,
      type: 'uint32le',
      value: Version,
    });
    if (Version !== 0) warn(ctx, versionNode, 4, `Version ${Version}; MS-PAC §2.3 says 0`);
    if (cBuffers * 16 > bytes.length - 8)
      fail(
        0,
        `cBuffers ${cBuffers} needs ${cBuffers * 16} bytes of PAC_INFO_BUFFER but only ${bytes.length - 8} remain`,
      );
    const pac: Pac = { cBuffers, Version, Buffers: [], signatures: [] };
    value = pac;
    const array = addChild(root, {
      name: 'Buffers',
      offset: 8,
      length: cBuffers * 16,
      type: 'PAC_INFO_BUFFER[]',
      value: cBuffers,
      spec: INFO_BUFFER_SPEC,
    });
    const placed: { buffer: PacInfoBuffer; info: Node }[] = [];
    for (let i = 0; i < cBuffers; i++) {
      const at = 8 + 16 * i;
      const ulType = readU32LE(bytes, at);
      const cbBufferSize = readU32LE(bytes, at + 4);
      const offset64 = readU64LE(bytes, at + 8);
      const known = PAC_BUFFER_TYPES[ulType];
      const info = addChild(array, {
        name: 'PAC_INFO_BUFFER',
        offset: at,
        length: 16,
        type: 'PAC_INFO_BUFFER',
        value: ulType,
        label: known?.name ?? 'unknown buffer type',
      });
      addChild(info, {
        name: 'ulType',
        offset: at,
        length: 4,
        type: 'uint32le',
        value: ulType,
        label: known?.name ?? 'unknown',
      });
      addChild(info, {
        name: 'cbBufferSize',
        offset: at + 4,
        length: 4,
        type: 'uint32le',
        value: cbBufferSize,
      });
      addChild(info, {
        name: 'Offset',
        offset: at + 8,
        length: 8,
        type: 'uint64le',
        value: offset64 <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(offset64) : offset64.toString(),
        label: 'from the start of the PAC',
      });
      const Offset = offset64 <= BigInt(bytes.length) ? Number(offset64) : Number.MAX_SAFE_INTEGER;
      const buffer: PacInfoBuffer = {
        ulType,
        cbBufferSize,
        Offset,
        typeName: known?.name ?? 'unknown',
      };
      pac.Buffers.push(buffer);
      contain(ctx, info, () => {
        if (offset64 > BigInt(bytes.length) || Offset + cbBufferSize > bytes.length)
          fail(
            at + 8,
            `buffer of ${cbBufferSize} bytes at offset ${offset64} lies past the end of the ${bytes.length}-byte PAC`,
          );
        if (Offset < 8 + cBuffers * 16)
          fail(at + 8, `buffer at offset ${Offset} overlaps the PAC_INFO_BUFFER array`);
        // MS-PAC §2.4: "Offset … MUST be a multiple of 8".
        if (Offset % 8 !== 0) warn(ctx, info, at + 8, `Offset ${Offset} is not a multiple of 8`);
        buffer.data = bytes.subarray(Offset, Offset + cbBufferSize);
        placed.push({ buffer, info });
      });
    }
    // The buffers' nodes follow the array in the order of their bytes, so each byte has one node.
    placed.sort((a, b) => a.buffer.Offset - b.buffer.Offset);
    let cursor = 8 + cBuffers * 16;
    for (const { buffer, info } of placed) {
      if (buffer.Offset < cursor) {
        contain(ctx, info, () =>
          fail(info.offset + 8, `buffer at offset ${buffer.Offset} overlaps the previous buffer`),
        );
        continue;
      }
      const known = PAC_BUFFER_TYPES[buffer.ulType];
      const node = addChild(root, {
        name: known?.node ?? 'PAC_BUFFER',
        offset: buffer.Offset,
        length: buffer.cbBufferSize,
        type: known?.node ?? 'bytes',
        spec: known?.spec ?? INFO_BUFFER_SPEC,
      });
      contain(ctx, node, () => readBuffer(ctx, node, buffer, pac));
      // A reader may stop short of the buffer's end (padding, a failed read): the node keeps the buffer's size.
      node.length = buffer.cbBufferSize;
      cursor = buffer.Offset + buffer.cbBufferSize;
    }
    root.label = pacLabel(pac);
  });
  return { root, value, errors: ctx.errors.map(({ offset, message }) => ({ offset, message })) };
}

function pacLabel(pac: Pac): string {
  const who = pac.logonInfo
    ? `${pac.logonInfo.LogonDomainName.text ?? ''}\\${pac.logonInfo.EffectiveName.text ?? ''}`
    : pac.clientInfo?.Name;
  return `${pac.cBuffers} buffers${who ? `, ${who}` : ''}`;
}
