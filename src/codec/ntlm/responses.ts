import { warn, within, type DecodeContext } from '../context';
import { filetimeToIso, leaf, need } from '../binary';
import { addChild, findNode, type Node } from '../tree';
import { NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY } from '../../data/ntlm';
import { decodeAvPairs } from './avpairs';
import { equalBytes, readU32LE, readU64LE, toHex } from '../../bytes';

/**
 * LmChallengeResponse and NtChallengeResponse [MS-NLMP §2.2.2.3, §2.2.2.4, §2.2.2.6–§2.2.2.8].
 * Nothing in the message says which variant was used; lengths and contents tell (ntlm.md §7.2):
 * NT 24 bytes = NTLMv1, longer = NTLMv2, empty (with LM Z(1) or empty) = anonymous.
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
    isZero(bytes, lm.start + 8, lm.start + 24);
  return ess ? 'NTLMv1 with ESS' : 'NTLMv1';
}

function isZero(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** LmChallengeResponse, interpreted per the variant. `nt` locates the NT response's bytes. */
export function decodeLmResponse(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
  variant: NtlmVariant,
  nt: { start: number; end: number } | undefined,
): void {
  const b = ctx.bytes;
  const len = end - start;
  node.type = 'bytes';
  node.value = toHex(b, start, end);
  if (variant === 'anonymous') {
    node.label = 'Z(1): anonymous authentication';
    node.spec = 'MS-NLMP §3.2.5.1.2';
    return;
  }
  if (len !== 24) {
    warn(ctx, node, start, `LmChallengeResponse of ${len} bytes; LM responses are 24 bytes`);
    return;
  }
  if (variant === 'NTLMv2') {
    if (isZero(b, start, end)) {
      node.label = 'Z(24): LMv2 omitted because the CHALLENGE carried MsvAvTimestamp';
      node.spec = 'MS-NLMP §3.1.5.1.2';
      return;
    }
    Object.assign(node, { type: 'LMv2_RESPONSE', label: 'LMv2', spec: 'MS-NLMP §2.2.2.4' });
    leaf(b, node, 'Response', start, 16, { type: 'bytes', label: 'HMAC-MD5 proof' });
    leaf(b, node, 'ChallengeFromClient', start + 16, 8, { type: 'bytes' });
    return;
  }
  Object.assign(node, { type: 'LM_RESPONSE', spec: 'MS-NLMP §2.2.2.3' });
  if (variant === 'NTLMv1 with ESS') {
    node.label = 'ESS: ClientChallenge ‖ Z(16)';
    node.spec = 'MS-NLMP §3.3.1';
    leaf(b, node, 'ClientChallenge', start, 8, { type: 'bytes' });
    leaf(b, node, 'Padding', start + 8, 16, { type: 'bytes', label: 'Z(16)' });
    return;
  }
  const copy =
    nt &&
    nt.end - nt.start === 24 &&
    equalBytes(b.subarray(start, end), b.subarray(nt.start, nt.end));
  node.label = copy ? 'copy of NtChallengeResponse (NoLMResponseNTLMv1)' : 'LMv1';
}

/** Result of the NT response: MsvAvFlags when the NTLMv2 AV list has it (for the MIC check). */
export interface NtResponseInfo {
  avFlags?: number;
}

export function decodeNtResponse(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
  variant: NtlmVariant,
): NtResponseInfo {
  const b = ctx.bytes;
  const len = end - start;
  node.type = 'bytes';
  node.value = toHex(b, start, end);
  if (variant === 'NTLMv1' || variant === 'NTLMv1 with ESS') {
    Object.assign(node, { type: 'NTLM_RESPONSE', spec: 'MS-NLMP §2.2.2.6' });
    node.label = variant === 'NTLMv1' ? 'NTLMv1' : 'NTLMv1 with ESS ("NTLM2 session response")';
    return {};
  }
  if (variant !== 'NTLMv2') {
    warn(ctx, node, start, `NtChallengeResponse of ${len} bytes matches no known response`);
    return {};
  }
  // NTLMv2_RESPONSE = NTProofStr ‖ NTLMv2_CLIENT_CHALLENGE, whose first two bytes are 01 01.
  if (len < 18 || b[start + 16] !== 1 || b[start + 17] !== 1) {
    warn(
      ctx,
      node,
      start,
      'NtChallengeResponse is longer than 24 bytes but RespType/HiRespType are not 1',
    );
    return {};
  }
  Object.assign(node, { type: 'NTLMv2_RESPONSE', label: 'NTLMv2', spec: 'MS-NLMP §2.2.2.8' });
  leaf(b, node, 'NTProofStr', start, 16, { type: 'bytes', label: 'Response: HMAC-MD5 proof' });
  const blob = addChild(node, {
    name: 'NTLMv2_CLIENT_CHALLENGE',
    offset: start + 16,
    length: len - 16,
    type: 'NTLMv2_CLIENT_CHALLENGE',
    spec: 'MS-NLMP §2.2.2.7',
  });
  decodeClientChallenge(ctx, blob, start + 16, end);
  const flags = findNode(blob, 'MsvAvFlags');
  return { avFlags: typeof flags?.value === 'number' ? flags.value : undefined };
}

/** NTLMv2_CLIENT_CHALLENGE [MS-NLMP §2.2.2.7], followed by the Z(4) of temp [§3.3.2]. */
function decodeClientChallenge(ctx: DecodeContext, blob: Node, at: number, end: number): void {
  const b = ctx.bytes;
  need(b, at, 28, end, 'the NTLMv2_CLIENT_CHALLENGE fixed fields');
  leaf(b, blob, 'RespType', at, 1, { type: 'uint8', value: b[at] });
  leaf(b, blob, 'HiRespType', at + 1, 1, { type: 'uint8', value: b[at + 1] });
  leaf(b, blob, 'Reserved1', at + 2, 2, { type: 'bytes' });
  leaf(b, blob, 'Reserved2', at + 4, 4, { type: 'bytes' });
  const time = filetimeToIso(readU64LE(b, at + 8));
  leaf(b, blob, 'TimeStamp', at + 8, 8, {
    type: 'FILETIME',
    value: time,
    label: time ?? 'out of range',
  });
  leaf(b, blob, 'ChallengeFromClient', at + 16, 8, { type: 'bytes' });
  leaf(b, blob, 'Reserved3', at + 24, 4, { type: 'uint32le', value: readU32LE(b, at + 24) });
  const list = addChild(blob, {
    name: 'AvPairs',
    offset: at + 28,
    length: end - (at + 28),
    type: 'AV_PAIR list',
    spec: 'MS-NLMP §2.2.2.1',
  });
  const listEnd = within(ctx, list, () => decodeAvPairs(ctx, list, at + 28, end));
  list.length = listEnd - list.offset;
  if (listEnd < end) {
    const zero = end - listEnd === 4 && isZero(b, listEnd, end);
    leaf(b, blob, 'Padding', listEnd, end - listEnd, {
      type: 'bytes',
      label: zero ? 'Z(4) ending temp (MS-NLMP §3.3.2)' : `${end - listEnd} bytes after MsvAvEOL`,
    });
  }
}
