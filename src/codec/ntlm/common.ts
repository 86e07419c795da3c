import { warn, type DecodeContext } from '../context';
import { bytes, fieldsOf, struct, u16, u8, type Codec, type Field } from '../binary';
import type { Node } from '../tree';
import {
  NTLM_MESSAGE_TYPES,
  NTLM_NEGOTIATE_OEM,
  NTLM_REVISIONS,
  NTLMSSP_NEGOTIATE_UNICODE,
  NTLMSSP_NEGOTIATE_VERSION,
  NTLMSSP_SIGNATURE,
  WINDOWS_VERSIONS,
  ntlmFlagsSet,
} from '../../data/ntlm';
import { encodeLatin1, encodeUtf16le, readU32LE } from '../../bytes';
import { decodeNtlmString, visibleString, type NtlmCharset } from './strings';

/** Fields shared by the three messages [MS-NLMP §2.2.1, §2.2.2.5, §2.2.2.10]. */

export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * Signature: "NTLMSSP\0", defined by each message's own section [MS-NLMP §2.2.1.1–§2.2.1.3]; the
 * message decoder has checked the bytes.
 */
export function signatureCodec(spec: string): Codec<readonly number[]> {
  return {
    ...bytes(8),
    read(ctx, node) {
      bytes(8).read(ctx, node);
      node.label = '"NTLMSSP\\0"';
      node.spec = spec;
      return NTLMSSP_SIGNATURE;
    },
    write: (w, v) => w.raw(v),
  };
}

/** MessageType, named as in the spec [MS-NLMP §2.2.1.1–§2.2.1.3]. */
export const messageTypeCodec: Codec<number> = {
  type: 'uint32le',
  size: 4,
  read(ctx, node) {
    const type = readU32LE(ctx.bytes, node.offset);
    const info = NTLM_MESSAGE_TYPES[type];
    Object.assign(node, {
      value: type,
      label: info ? `${info.name} (${info.structure})` : 'unknown',
      spec: info?.spec ?? 'MS-NLMP §2.2.1',
    });
    return type;
  },
  write: (w, v) => w.u32(v),
};

/** Signature and MessageType, the first two fields of every message. */
export function messageHeader<T>(type: number): Field<T>[] {
  const f = fieldsOf<T>();
  return [
    f.fixed(
      'Signature',
      signatureCodec(NTLM_MESSAGE_TYPES[type]?.spec ?? 'MS-NLMP §2.2.1'),
      NTLMSSP_SIGNATURE,
    ),
    f.fixed('MessageType', messageTypeCodec, type),
  ];
}

/** NegotiateFlags: the number as value, hex and flag names in the label [MS-NLMP §2.2.2.5]. */
export const negotiateFlags: Codec<number> = {
  type: 'uint32le',
  size: 4,
  read(ctx, node) {
    const flags = readU32LE(ctx.bytes, node.offset);
    const set = ntlmFlagsSet(flags);
    Object.assign(node, {
      value: flags,
      label: `${hex32(flags)}: ${set.map((f) => f.name).join(' | ') || 'none'}`,
      spec: 'MS-NLMP §2.2.2.5',
    });
    const reserved = set.filter((f) => f.reserved);
    if (reserved.length > 0) {
      const names = reserved.map((f) => `${f.letter} ${f.name}`).join(', ');
      warn(ctx, node, node.offset, `reserved flag bits set (${names}); they must be zero`);
    }
    return flags;
  },
  write: (w, v) => w.u32(v),
};

/** VERSION [MS-NLMP §2.2.2.10]: debug information that receivers ignore. */
export interface NtlmVersion {
  major: number;
  minor: number;
  build: number;
  /** 3 bytes, zero when omitted; some stacks fill them (Zeek's SMB capture). */
  reserved?: Uint8Array;
  /** NTLMRevisionCurrent, 15 for NTLMSSP_REVISION_W2K3. */
  revision: number;
}

const v = fieldsOf<NtlmVersion>();
const VERSION_STRUCT = struct<NtlmVersion>({
  typeName: 'VERSION',
  spec: 'MS-NLMP §2.2.2.10',
  fields: [
    v.value('major', 'ProductMajorVersion', u8),
    v.value('minor', 'ProductMinorVersion', u8),
    v.value('build', 'ProductBuild', u16),
    v.value('reserved', 'Reserved', bytes(3), { writeDefault: new Uint8Array(3) }),
    v.value('revision', 'NTLMRevisionCurrent', {
      ...u8,
      read(ctx, node) {
        const revision = u8.read(ctx, node);
        node.label = NTLM_REVISIONS[revision] ?? 'unknown revision';
        return revision;
      },
    }),
  ],
  after(r) {
    const { major, minor, build, revision } = r.value as NtlmVersion;
    const product = WINDOWS_VERSIONS[`${major}.${minor}`];
    r.node.value = `${major}.${minor}.${build} rev ${revision}`;
    r.node.label = product ? `${product}, build ${build}` : `build ${build}`;
  },
});

/** VERSION, labelled "not meaningful" when NTLMSSP_NEGOTIATE_VERSION is clear; 8 raw bytes are written as given. */
export function versionCodec(flags: number | undefined): Codec<NtlmVersion | Uint8Array> {
  return {
    type: 'VERSION',
    size: 8,
    nested: true,
    read(ctx, node) {
      const version = VERSION_STRUCT.read(ctx, node);
      if (flags !== undefined && (flags & NTLMSSP_NEGOTIATE_VERSION) === 0) {
        node.label += ' (NTLMSSP_NEGOTIATE_VERSION clear: not meaningful)';
      }
      return version;
    },
    write(w, version) {
      if (version instanceof Uint8Array) bytes(8, 'Version').write(w, version);
      else VERSION_STRUCT.write(w, version);
    },
  };
}

/** Whether strings are UTF-16LE: UNICODE wins over OEM [MS-NLMP §2.2.2.5, flags A and B]. */
export function charsetOf(flags: number | undefined): NtlmCharset {
  return (flags ?? 0) & NTLMSSP_NEGOTIATE_UNICODE ? 'UTF-16LE' : 'OEM';
}

/**
 * The charset of CHALLENGE and AUTHENTICATE strings; neither flag set is an error the receiver
 * must reject [MS-NLMP §2.2.2.5], shown as a warning on the flags.
 */
export function messageCharset(
  ctx: DecodeContext,
  flagsNode: Node | undefined,
  flags: number,
): NtlmCharset {
  if (flags & NTLMSSP_NEGOTIATE_UNICODE) return 'UTF-16LE';
  if ((flags & NTLM_NEGOTIATE_OEM) === 0 && flagsNode) {
    warn(ctx, flagsNode, flagsNode.offset, 'neither UNICODE nor OEM is set; strings read as OEM');
  }
  return 'OEM';
}

/** A payload string in the given charset [MS-NLMP §2.2]. */
export function ntlmText(charset: NtlmCharset): Codec<string> {
  const unicode = charset === 'UTF-16LE';
  return {
    type: unicode ? 'UTF-16LE' : 'OEM string',
    read(ctx, node) {
      const start = node.offset;
      const end = start + node.length;
      const text = decodeNtlmString(ctx.bytes, start, end, charset);
      node.type = unicode ? 'UTF-16LE' : 'OEM string';
      node.value = text;
      node.label = `${visibleString(text)} (${charset})`;
      if (unicode && (end - start) % 2 !== 0) {
        warn(ctx, node, end - 1, 'UTF-16LE string with an odd number of bytes; last byte ignored');
      }
      return text;
    },
    write: (w, text) => w.raw(unicode ? encodeUtf16le(text) : encodeLatin1(text)),
  };
}
