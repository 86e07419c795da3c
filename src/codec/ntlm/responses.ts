import { warn, type DecodeContext } from '../context';
import { bytes, fieldsOf, filetime, leaf, struct, u32, u8, type Codec } from '../binary';
import type { Node } from '../tree';
import { MSV_AV_FLAGS, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY } from '../../data/ntlm';
import { avPairList, type AvPair } from './avpairs';
import { equalBytes, toHex } from '../../bytes';

/**
 * LmChallengeResponse and NtChallengeResponse [MS-NLMP §2.2.2.3, §2.2.2.4, §2.2.2.6–§2.2.2.8].
 * Nothing in the message says which variant was used; lengths and contents tell: NT 24 bytes =
 * NTLMv1, longer = NTLMv2, empty (with LM Z(1) or empty) = anonymous [MS-NLMP §3.3.1, §3.3.2].
 */

export type NtlmVariant =
  'anonymous' | 'NTLMv1' | 'NTLMv1 with ESS' | 'NTLMv2' | 'LM only' | 'unknown';

/** What the two descriptors (and, when in range, the bytes) say about the variant. */
export function responseVariant(
  bytes: Uint8Array,
  lm: { start: number; len: number; available: boolean },
  ntLen: number,
  flags: number,
): NtlmVariant {
  if (ntLen === 0) {
    if (lm.len === 0 || (lm.len === 1 && (!lm.available || bytes[lm.start] === 0)))
      return 'anonymous';
    return lm.len === 24 ? 'LM only' : 'unknown';
  }
  if (ntLen > 24) return 'NTLMv2';
  if (ntLen !== 24) return 'unknown';
  const ess =
    (flags & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) !== 0 &&
    lm.len === 24 &&
    lm.available &&
    bytes.subarray(lm.start + 8, lm.start + 24).every((x) => x === 0);
  return ess ? 'NTLMv1 with ESS' : 'NTLMv1';
}

/** NTLMv2_CLIENT_CHALLENGE [MS-NLMP §2.2.2.7] and the bytes after its AV list. */
export interface Ntlmv2ClientChallenge {
  /** 1 (RespType and HiRespType). */
  respType: number;
  hiRespType: number;
  /** Zero when omitted; kept when read, so that encoding a read blob gives its bytes back. */
  reserved1?: Uint8Array;
  reserved2?: Uint8Array;
  timeStamp: bigint;
  challengeFromClient: Uint8Array;
  reserved3?: number;
  avPairs: AvPair[];
  /**
   * After MsvAvEOL: the Z(4) ending `temp` [MS-NLMP §3.3.2], or more bytes from Windows
   * [App. B <31>], or none (Samba); written as Z(4) when omitted.
   */
  trailer?: Uint8Array;
}

/** NTLMv2_RESPONSE [MS-NLMP §2.2.2.8]: NTProofStr ‖ NTLMv2_CLIENT_CHALLENGE. */
export interface NtChallengeResponseV2 {
  ntProofStr: Uint8Array;
  clientChallenge: Ntlmv2ClientChallenge;
}

const c = fieldsOf<Ntlmv2ClientChallenge>();
export const NTLMV2_CLIENT_CHALLENGE = struct<Ntlmv2ClientChallenge>({
  typeName: 'NTLMv2_CLIENT_CHALLENGE',
  spec: 'MS-NLMP §2.2.2.7',
  fields: [
    c.value('respType', 'RespType', u8, { need: [28, 'the NTLMv2_CLIENT_CHALLENGE fixed fields'] }),
    c.value('hiRespType', 'HiRespType', u8),
    c.value('reserved1', 'Reserved1', bytes(2), { writeDefault: new Uint8Array(2) }),
    c.value('reserved2', 'Reserved2', bytes(4), { writeDefault: new Uint8Array(4) }),
    c.value('timeStamp', 'TimeStamp', filetime),
    c.value('challengeFromClient', 'ChallengeFromClient', bytes(8)),
    c.value('reserved3', 'Reserved3', u32, { writeDefault: 0 }),
    c.value('avPairs', 'AvPairs', avPairList, { spec: 'MS-NLMP §2.2.2.1' }),
    c.value('trailer', 'Padding', bytes(), {
      when: (r) => r.pos < r.end,
      // Samba ends the blob at MsvAvEOL, without the Z(4): kept as empty, so it encodes back.
      absent: (r) => void ((r.value as Ntlmv2ClientChallenge).trailer = new Uint8Array(0)),
      writeDefault: new Uint8Array(4),
      check(r, node) {
        const zero = node.length === 4 && /^0+$/.test(node.value as string);
        node.label = zero
          ? 'Z(4) ending temp (MS-NLMP §3.3.2)'
          : `${node.length} bytes after MsvAvEOL`;
      },
    }),
  ],
});

const n = fieldsOf<NtChallengeResponseV2>();
export const NTLMV2_RESPONSE = struct<NtChallengeResponseV2>({
  typeName: 'NTLMv2_RESPONSE',
  spec: 'MS-NLMP §2.2.2.8',
  fields: [
    n.value('ntProofStr', 'NTProofStr', bytes(16), { label: 'Response: HMAC-MD5 proof' }),
    n.value('clientChallenge', 'NTLMv2_CLIENT_CHALLENGE', NTLMV2_CLIENT_CHALLENGE),
  ],
});

/** MsvAvFlags of an NTLMv2 response's AV list, when it has one. */
export function avFlagsOf(pairs: readonly AvPair[]): number | undefined {
  const v = pairs.find((p) => p.id === MSV_AV_FLAGS)?.value;
  return typeof v === 'number' ? v : undefined;
}

/** LmChallengeResponse, shown per the variant; the value is its bytes. `nt` locates the NT response. */
export function lmResponseCodec(
  variant: NtlmVariant,
  nt: { start: number; end: number } | undefined,
): Codec<Uint8Array> {
  return { ...bytes(), read: (ctx, node) => readLmResponse(ctx, node, variant, nt) };
}

function readLmResponse(
  ctx: DecodeContext,
  node: Node,
  variant: NtlmVariant,
  nt: { start: number; end: number } | undefined,
): Uint8Array {
  const b = ctx.bytes;
  const start = node.offset;
  const end = start + node.length;
  const len = end - start;
  const value = b.slice(start, end);
  node.type = 'bytes';
  node.value = toHex(b, start, end);
  if (variant === 'anonymous') {
    node.label = 'Z(1): anonymous authentication';
    node.spec = 'MS-NLMP §3.2.5.1.2';
    return value;
  }
  if (len !== 24) {
    warn(ctx, node, start, `LmChallengeResponse of ${len} bytes; LM responses are 24 bytes`);
    return value;
  }
  if (variant === 'NTLMv2') {
    if (b.subarray(start, end).every((x) => x === 0)) {
      node.label = 'Z(24): LMv2 omitted because the CHALLENGE carried MsvAvTimestamp';
      node.spec = 'MS-NLMP §3.1.5.1.2';
      return value;
    }
    Object.assign(node, { type: 'LMv2_RESPONSE', label: 'LMv2', spec: 'MS-NLMP §2.2.2.4' });
    leaf(b, node, 'Response', start, 16, { type: 'bytes', label: 'HMAC-MD5 proof' });
    leaf(b, node, 'ChallengeFromClient', start + 16, 8, { type: 'bytes' });
    return value;
  }
  Object.assign(node, { type: 'LM_RESPONSE', spec: 'MS-NLMP §2.2.2.3' });
  if (variant === 'NTLMv1 with ESS') {
    node.label = 'ESS: ClientChallenge ‖ Z(16)';
    node.spec = 'MS-NLMP §3.3.1';
    leaf(b, node, 'ClientChallenge', start, 8, { type: 'bytes' });
    leaf(b, node, 'Padding', start + 8, 16, { type: 'bytes', label: 'Z(16)' });
    return value;
  }
  const copy =
    nt &&
    nt.end - nt.start === 24 &&
    equalBytes(b.subarray(start, end), b.subarray(nt.start, nt.end));
  node.label = copy ? 'copy of NtChallengeResponse (NoLMResponseNTLMv1)' : 'LMv1';
  return value;
}

/**
 * NtChallengeResponse, shown per the variant; the value is its bytes (read an NTLMv2 one's
 * fields with `readNtlmv2Response`). `seen` receives the NTLMv2 fields when they decode.
 */
export function ntResponseCodec(
  variant: NtlmVariant,
  seen: { v2?: NtChallengeResponseV2 },
): Codec<Uint8Array> {
  return {
    ...bytes(),
    read(ctx, node) {
      const b = ctx.bytes;
      const start = node.offset;
      const end = start + node.length;
      const len = end - start;
      const value = b.slice(start, end);
      node.type = 'bytes';
      node.value = toHex(b, start, end);
      if (variant === 'NTLMv1' || variant === 'NTLMv1 with ESS') {
        Object.assign(node, { type: 'NTLM_RESPONSE', spec: 'MS-NLMP §2.2.2.6' });
        node.label = variant === 'NTLMv1' ? 'NTLMv1' : 'NTLMv1 with ESS ("NTLM2 session response")';
        return value;
      }
      if (variant !== 'NTLMv2') {
        warn(ctx, node, start, `NtChallengeResponse of ${len} bytes matches no known response`);
        return value;
      }
      // NTLMv2_RESPONSE = NTProofStr ‖ NTLMv2_CLIENT_CHALLENGE, whose first two bytes are 01 01.
      if (len < 18 || b[start + 16] !== 1 || b[start + 17] !== 1) {
        warn(
          ctx,
          node,
          start,
          'NtChallengeResponse is longer than 24 bytes but RespType/HiRespType are not 1',
        );
        return value;
      }
      Object.assign(node, { type: 'NTLMv2_RESPONSE', label: 'NTLMv2', spec: 'MS-NLMP §2.2.2.8' });
      seen.v2 = NTLMV2_RESPONSE.read(ctx, node);
      return value;
    },
  };
}
