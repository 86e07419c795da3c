import { fail, warn, within, type DecodeContext } from '../context';
import { leaf } from '../binary';
import { addChild, type Node } from '../tree';
import { readU32LE, requireLength, writeU32LE } from '../../bytes';

/**
 * NTLMSSP_MESSAGE_SIGNATURE [MS-NLMP §2.2.2.9]: 16 bytes, as found in a SPNEGO mechListMIC or
 * before a sealed message. Two layouts share the Version field:
 * - with extended session security: Version | Checksum (8) | SeqNum (clear) [§2.2.2.9.2];
 * - without: Version | RandomPad (4) | Checksum (4, CRC32) | SeqNum (4), the last three
 *   RC4-encrypted [§2.2.2.9.1].
 * Nothing in the 16 bytes names the layout, so callers that know the negotiated flags say so;
 * otherwise a zero RandomPad with anything non-zero after it is read as the non-ESS form (working
 * implementations send RandomPad as zero, ntlm.md §9), everything else as ESS.
 */

export const NTLM_SIGNATURE_LENGTH = 16;

export function isNtlmSignature(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === NTLM_SIGNATURE_LENGTH && readU32LE(bytes, start) === 1;
}

export interface NtlmSignatureOptions {
  /** NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY was negotiated (when the caller knows). */
  extendedSessionSecurity?: boolean;
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
    const b = ctx.bytes;
    if (end - start !== NTLM_SIGNATURE_LENGTH) {
      fail(start, `an NTLM message signature is 16 bytes, not ${end - start}`);
    }
    const version = readU32LE(b, start);
    const v = leaf(b, node, 'Version', start, 4, { type: 'uint32le', value: version });
    if (version !== 1) warn(ctx, v, start, `signature Version ${version}; it must be 1`);
    const rest = b.subarray(start + 4, end);
    if (rest.every((x) => x === 0)) {
      // ALWAYS_SIGN without SIGN or SEAL: a constant placeholder [MS-NLMP §3.4.4.3].
      node.label = 'placeholder: 01000000 ‖ Z(12) (no SIGN/SEAL negotiated)';
      leaf(b, node, 'Checksum', start + 4, 8, { type: 'bytes' });
      leaf(b, node, 'SeqNum', start + 12, 4, { type: 'uint32le', value: 0 });
      return;
    }
    const padZero = rest.subarray(0, 4).every((x) => x === 0);
    const guessed = options.extendedSessionSecurity === undefined;
    const ess = options.extendedSessionSecurity ?? !padZero;
    const how = guessed ? ' (layout inferred from the bytes)' : '';
    if (ess) {
      node.spec = 'MS-NLMP §2.2.2.9.2';
      node.label = `with extended session security${how}`;
      leaf(b, node, 'Checksum', start + 4, 8, {
        type: 'bytes',
        label: 'HMAC_MD5(SigningKey, SeqNum ‖ Message)[0..7], RC4-encrypted when KEY_EXCH',
      });
      leaf(b, node, 'SeqNum', start + 12, 4, { type: 'uint32le', value: readU32LE(b, start + 12) });
    } else {
      node.spec = 'MS-NLMP §2.2.2.9.1';
      node.label = `without extended session security${how}`;
      leaf(b, node, 'RandomPad', start + 4, 4, { type: 'bytes' });
      leaf(b, node, 'Checksum', start + 8, 4, { type: 'bytes', label: 'RC4(CRC32(Message))' });
      leaf(b, node, 'SeqNum', start + 12, 4, { type: 'bytes', label: 'RC4(0) XOR SeqNum' });
    }
  });
  return node;
}

/** The fields of an NTLMSSP_MESSAGE_SIGNATURE to write; the crypto computes them. */
export type NtlmSignatureFields =
  | {
      /** With extended session security [§2.2.2.9.2]. */
      extendedSessionSecurity: true;
      /** 8 bytes: HMAC_MD5(SigningKey, SeqNum ‖ Message)[0..7], RC4-encrypted with KEY_EXCH. */
      checksum: Uint8Array;
      seqNum: number;
    }
  | {
      /** Without extended session security [§2.2.2.9.1]. */
      extendedSessionSecurity: false;
      /** 4 bytes; zero when omitted, as working implementations send it. */
      randomPad?: Uint8Array;
      /** 4 bytes: RC4-encrypted CRC32. */
      checksum: Uint8Array;
      /** The SeqNum field as sent: 4 bytes (RC4(0) XOR SeqNum), or a number written as is. */
      seqNum: Uint8Array | number;
    };

export function encodeSignature(fields: NtlmSignatureFields): Uint8Array {
  const out = new Uint8Array(NTLM_SIGNATURE_LENGTH);
  writeU32LE(out, 0, 1);
  if (fields.extendedSessionSecurity) {
    requireLength('Checksum', fields.checksum, 8);
    out.set(fields.checksum, 4);
    writeU32LE(out, 12, fields.seqNum);
    return out;
  }
  if (fields.randomPad) {
    requireLength('RandomPad', fields.randomPad, 4);
    out.set(fields.randomPad, 4);
  }
  requireLength('Checksum', fields.checksum, 4);
  out.set(fields.checksum, 8);
  if (typeof fields.seqNum === 'number') writeU32LE(out, 12, fields.seqNum);
  else {
    requireLength('SeqNum', fields.seqNum, 4);
    out.set(fields.seqNum, 12);
  }
  return out;
}
