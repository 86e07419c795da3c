import { encodeInitialContextToken, readInitialContextToken } from '../../../codec/gss';
import { encodeRfc1964Token, readRfc1964Token } from '../../../codec/kerberos/per-message';
import { hmacMd5, rc4 } from '../../../crypto';
import { rc4Checksum } from '../../../crypto/kerberos/rc4-hmac';
import { OID } from '../../../data/oids';
import type { Role, Rule } from '../../types';
import type { MechState, MicCheck, MicResult } from '../mechanism';
import { makeState, type KrbData } from './state';
import { concatBytes, equalBytes, toHex } from '../../../bytes';

/** rc4-hmac (RFC 4757): its contexts keep RFC 1964's token layout (RFC 4757 §7). */
export const RC4_HMAC = 23;

/** SGN_ALG 11 00: HMAC-MD5 (RFC 4757 §7.2), written little-endian. */
const SGN_ALG_HMAC_MD5 = 0x0011;
/** RFC 4757 §7.2: the MIC's checksum uses key usage 15 whichever side signs. */
const SIGN_USAGE = 15;
/** TOK_ID 01 01, SGN_ALG, Filler ff ff ff ff: what SGN_CKSUM covers before the message. */
const HEADER = Uint8Array.of(0x01, 0x01, 0x11, 0x00, 0xff, 0xff, 0xff, 0xff);

const le32 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
const be32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

interface Rc4Key {
  key: Uint8Array;
  which: string;
}

/** SGN_CKSUM: the first 8 bytes of the HMAC-MD5 checksum, usage 15, over header ‖ message. */
function sgnCksum(key: Uint8Array, message: Uint8Array): Uint8Array {
  return rc4Checksum(key, SIGN_USAGE, concatBytes(HEADER, message)).slice(0, 8);
}

/**
 * SND_SEQ (RFC 4757 §7.2): the sequence number big-endian then four direction bytes (00 from the
 * initiator, ff from the acceptor), RC4-encrypted with Kseq = HMAC-MD5(HMAC-MD5(key, 0), SGN_CKSUM).
 */
function seqKey(key: Uint8Array, cksum: Uint8Array): Uint8Array {
  return hmacMd5(hmacMd5(key, le32(0)), cksum);
}

const direction = (sender: Role) => new Uint8Array(4).fill(sender === 'initiator' ? 0x00 : 0xff);

export function getRc4Mic(
  state: MechState<KrbData>,
  data: KrbData,
  { key, which }: Rc4Key,
  message: Uint8Array,
): MicResult<KrbData> {
  const cksum = sgnCksum(key, message);
  const plain = concatBytes(be32(data.sendSeq), direction(state.role));
  const inner = concatBytes(
    HEADER.subarray(0, 2),
    encodeRfc1964Token('0101', {
      sgnAlg: SGN_ALG_HMAC_MD5,
      sndSeq: rc4(seqKey(key, cksum), plain),
      checksum: cksum,
    }),
  );
  const mic = encodeInitialContextToken(OID.krb5, inner);
  const rule: Rule = {
    by: state.role,
    text: `makes an RFC 4757 MIC token (01 01, SGN_ALG 11 00 HMAC-MD5, GSS-framed): SGN_CKSUM is HMAC-MD5 with ${which}, key usage 15, over the header and the message, cut to 8 bytes; SND_SEQ ${data.sendSeq} with the ${state.role}'s direction bytes, RC4-encrypted with a key drawn from the checksum`,
    spec: 'RFC 4757 §7.2; RFC 1964 §1.2.1',
  };
  const next = { ...data, sendSeq: data.sendSeq + 1 };
  return {
    state: makeState(state.role, 'ESTABLISHED', next, {
      ...state.holdings,
      'send seq': next.sendSeq,
    }),
    mic,
    rules: [rule],
  };
}

export function verifyRc4Mic(
  state: MechState<KrbData>,
  data: KrbData,
  { key, which }: Rc4Key,
  message: Uint8Array,
  mic: Uint8Array,
): MicCheck<KrbData> {
  const by = state.role;
  const peer: Role = by === 'initiator' ? 'acceptor' : 'initiator';
  const fail = (why: string): MicCheck<KrbData> => ({
    state,
    ok: false,
    rules: [{ by, text: `the peer's MIC does not verify: ${why}`, spec: 'RFC 4757 §7.2' }],
  });
  const framed = readInitialContextToken(mic);
  if (!framed.ok) return fail(`it is not a GSS-framed token (${framed.error.message})`);
  const inner = framed.value.innerContextToken;
  if (inner[0] !== 0x01 || inner[1] !== 0x01)
    return fail(`TOK_ID ${toHex(inner.subarray(0, 2))} is not 01 01`);
  const read = readRfc1964Token('0101', inner.subarray(2));
  if (!read.ok) return fail(read.error);
  const token = read.value;
  if (token.sgnAlg !== SGN_ALG_HMAC_MD5) return fail('SGN_ALG is not 11 00 (HMAC-MD5)');
  if (!equalBytes(inner.subarray(0, 8), HEADER)) return fail('the Filler is not ff ff ff ff');
  if (!equalBytes(sgnCksum(key, message), token.checksum)) {
    return fail(
      `SGN_CKSUM (HMAC-MD5 with ${which}, key usage 15) differs: the message or the token was changed`,
    );
  }
  const plain = rc4(seqKey(key, token.checksum), token.sndSeq);
  if (!equalBytes(plain.subarray(4), direction(peer))) {
    return fail(`the direction bytes are not the ${peer}'s (a reflected token?)`);
  }
  const seq = new DataView(plain.buffer, plain.byteOffset).getUint32(0, false);
  const rules: Rule[] = [
    {
      by,
      text: `verifies the ${peer}'s RFC 4757 MIC token with ${which}: SGN_CKSUM matches, SND_SEQ decrypts to ${seq} from the ${peer}`,
      spec: 'RFC 4757 §7.2',
    },
  ];
  if (seq !== data.recvSeq) {
    rules.push({
      by,
      text: `SND_SEQ is ${seq}, expected ${data.recvSeq}: out of sequence`,
      spec: 'RFC 1964 §1.2.1.2',
    });
  }
  const next = { ...data, recvSeq: seq + 1 };
  return {
    state: makeState(state.role, 'ESTABLISHED', next, {
      ...state.holdings,
      'recv seq': next.recvSeq,
    }),
    ok: true,
    rules,
  };
}
