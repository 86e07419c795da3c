import { fail, warn, within, type DecodeContext } from '../context';
import {
  bytes,
  encode,
  fieldsOf,
  readTypedWith,
  struct,
  u32,
  type Codec,
  type Decoded,
} from '../binary';
import { addChild, type Node } from '../tree';
import type { NtlmSignatureFields } from '../../data/ntlm';
import { readU32LE } from '../../bytes';

/**
 * NTLMSSP_MESSAGE_SIGNATURE [MS-NLMP §2.2.2.9]: 16 bytes, as found in a SPNEGO mechListMIC or
 * before a sealed message. Two layouts share the Version field:
 * - with extended session security: Version | Checksum (8) | SeqNum (clear) [§2.2.2.9.2];
 * - without: Version | RandomPad (4) | Checksum (4, CRC32) | SeqNum (4), the last three
 *   RC4-encrypted [§2.2.2.9.1].
 * Nothing in the 16 bytes names the layout, so callers that know the negotiated flags say so;
 * otherwise a zero RandomPad with anything non-zero after it is read as the non-ESS form
 * (working implementations send RandomPad as zero: Samba `ntlmssp_make_packet_signature()`),
 * everything else as ESS.
 */

export const NTLM_SIGNATURE_LENGTH = 16;

export function isNtlmSignature(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === NTLM_SIGNATURE_LENGTH && readU32LE(bytes, start) === 1;
}

export interface NtlmSignatureOptions {
  /** NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY was negotiated (when the caller knows). */
  extendedSessionSecurity?: boolean;
}

export type { NtlmSignatureFields };

type EssFields = Extract<NtlmSignatureFields, { extendedSessionSecurity: true }>;
type PlainFields = Extract<NtlmSignatureFields, { extendedSessionSecurity: false }>;

const version = {
  ...u32,
  read(ctx: DecodeContext, node: Node) {
    const v = u32.read(ctx, node);
    if (v !== 1) warn(ctx, node, node.offset, `signature Version ${v}; it must be 1`);
    return v;
  },
};

const e = fieldsOf<EssFields>();
const ESS = struct<EssFields>({
  typeName: 'NTLMSSP_MESSAGE_SIGNATURE',
  spec: 'MS-NLMP §2.2.2.9.2',
  fields: [
    e.fixed('Version', version, 1),
    e.value('checksum', 'Checksum', bytes(8), {
      label: 'HMAC_MD5(SigningKey, SeqNum ‖ Message)[0..7], RC4-encrypted when KEY_EXCH',
    }),
    e.value('seqNum', 'SeqNum', u32),
  ],
});

/** The SeqNum field without ESS: 4 encrypted bytes, or a number when written in clear. */
const seqField: Codec<Uint8Array | number> = {
  ...bytes(4),
  write: (w, v) => (typeof v === 'number' ? w.u32(v) : bytes(4, 'SeqNum').write(w, v)),
};

const p = fieldsOf<PlainFields>();
const PLAIN = struct<PlainFields>({
  typeName: 'NTLMSSP_MESSAGE_SIGNATURE',
  spec: 'MS-NLMP §2.2.2.9.1',
  fields: [
    p.fixed('Version', version, 1),
    p.value('randomPad', 'RandomPad', bytes(4), { writeDefault: new Uint8Array(4) }),
    p.value('checksum', 'Checksum', bytes(4), { label: 'RC4(CRC32(Message))' }),
    p.value('seqNum', 'SeqNum', seqField, { label: 'RC4(0) XOR SeqNum' }),
  ],
});

/** Reads the 16 bytes of `node` in the layout the options (or the bytes) say. */
function readSignature(
  ctx: DecodeContext,
  node: Node,
  options: NtlmSignatureOptions,
): NtlmSignatureFields {
  const b = ctx.bytes;
  const start = node.offset;
  const end = start + node.length;
  if (end - start !== NTLM_SIGNATURE_LENGTH) {
    fail(start, `an NTLM message signature is 16 bytes, not ${end - start}`);
  }
  const rest = b.subarray(start + 4, end);
  if (rest.every((x) => x === 0)) {
    // ALWAYS_SIGN without SIGN or SEAL: a constant placeholder [MS-NLMP §3.4.4.3].
    const fields = ESS.read(ctx, node);
    node.spec = 'MS-NLMP §2.2.2.9';
    node.label = 'placeholder: 01000000 ‖ Z(12) (no SIGN/SEAL negotiated)';
    const checksum = node.children?.find((c) => c.name === 'Checksum');
    if (checksum) checksum.label = undefined;
    return fields;
  }
  const padZero = rest.subarray(0, 4).every((x) => x === 0);
  const guessed = options.extendedSessionSecurity === undefined;
  const ess = options.extendedSessionSecurity ?? !padZero;
  const how = guessed ? ' (layout inferred from the bytes)' : '';
  const fields: NtlmSignatureFields = ess
    ? { ...ESS.read(ctx, node), extendedSessionSecurity: true }
    : { ...PLAIN.read(ctx, node), extendedSessionSecurity: false };
  node.label = `${ess ? 'with' : 'without'} extended session security${how}`;
  return fields;
}

export function decodeNtlmSignature(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
  options: NtlmSignatureOptions = {},
): Node {
  const node: Node = {
    name: 'NTLMSSP_MESSAGE_SIGNATURE',
    offset: start,
    length: end - start,
    type: 'NTLMSSP_MESSAGE_SIGNATURE',
    spec: 'MS-NLMP §2.2.2.9',
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    // The form read sets its own section.
    node.spec = undefined;
    try {
      readSignature(ctx, node, options);
    } finally {
      node.spec ??= 'MS-NLMP §2.2.2.9';
    }
  });
  return node;
}

/** The signature's fields, or where and why they could not be read. */
export function readNtlmSignature(
  bytes: Uint8Array,
  options: NtlmSignatureOptions = {},
): Decoded<NtlmSignatureFields> {
  return readTypedWith(bytes, 'NTLMSSP_MESSAGE_SIGNATURE', 0, bytes.length, (ctx, node) =>
    readSignature(ctx, node, options),
  );
}

export function encodeSignature(fields: NtlmSignatureFields): Uint8Array {
  return fields.extendedSessionSecurity ? encode(ESS, fields) : encode(PLAIN, fields);
}
