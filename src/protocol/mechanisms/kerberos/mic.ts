import { checksum, verifyChecksum } from '../../../crypto/kerberos/checksum';
import { CFX_FLAG, CFX_HEADER_LENGTH, CFX_TOK_ID, KEY_USAGE } from '../../../data/kerberos';
import type { Role, Rule } from '../../types';
import type { MechState, MicCheck, MicResult } from '../mechanism';
import { dataOf, makeState, type KrbData } from './state';
import { encodeMicToken, readMicToken, type MicToken } from '../../../codec/kerberos/per-message';
import { etypeProfile } from '../../../crypto/kerberos/etypes';
import { CKSUMTYPES } from '../../../data/kerberos';
import { getRc4Mic, RC4_HMAC, verifyRc4Mic } from './mic-rc4';

/**
 * RFC 4121 §4.2.6.1 MIC tokens, built and read as typed values through the codec's MIC_TOKEN:
 * the checksum covers the message then the 16 header bytes (§4.2.6.1), computed here with the
 * crypto. Not GSS-framed (§4.2.6).
 */
const TOK_ID_MIC = CFX_TOK_ID.mic;
const {
  sentByAcceptor: SENT_BY_ACCEPTOR,
  sealed: SEALED,
  acceptorSubkey: ACCEPTOR_SUBKEY,
} = CFX_FLAG;
interface ProtectionKey {
  key: Uint8Array;
  etype: number;
  which: string;
  acceptorSubkey: boolean;
}

/** The acceptor's subkey if the AP-REP asserted one, else the initiator's, else the session key (RFC 4121 §2). */
function protectionKey(data: KrbData): ProtectionKey {
  if (data.acceptorSubkey)
    return {
      key: data.acceptorSubkey,
      etype: data.acceptorSubkeyEtype,
      which: "the acceptor's subkey",
      acceptorSubkey: true,
    };
  if (data.initiatorSubkey)
    return {
      key: data.initiatorSubkey,
      etype: data.initiatorSubkeyEtype,
      which: "the initiator's subkey",
      acceptorSubkey: false,
    };
  return {
    key: data.sessionKey ?? new Uint8Array(0),
    etype: data.sessionEtype,
    which: 'the session key',
    acceptorSubkey: false,
  };
}

/** An rc4-hmac context key: its tokens are RFC 1964's, as RFC 4757 §7 defines them. */
const isRc4 = (k: ProtectionKey) => k.etype === RC4_HMAC;

/** The checksum's name in rules: HMAC-SHA1-96, HMAC-SHA256-128, CMAC… (RFC 3962, 8009, 6803). */
const checksumName = (etype: number) => CKSUMTYPES[etypeProfile(etype).cksumtype] ?? 'checksum';

/** Key usage 25 for the initiator's tokens, 23 for the acceptor's (RFC 4121 §2). */
const signUsage = (sender: Role) =>
  sender === 'initiator' ? KEY_USAGE.initiatorSign : KEY_USAGE.acceptorSign;

/** The token's header: the bytes its checksum covers after the message. */
function header(token: MicToken): Uint8Array {
  return encodeMicToken({ ...token, checksum: undefined });
}

function withHeader(message: Uint8Array, h: Uint8Array): Uint8Array {
  const input = new Uint8Array(message.length + h.length);
  input.set(message);
  input.set(h, message.length);
  return input;
}

function withData(
  state: MechState<KrbData>,
  data: KrbData,
  holdings: Record<string, string | number>,
): MechState<KrbData> {
  return makeState(state.role, 'ESTABLISHED', data, { ...state.holdings, ...holdings });
}

export function getMic(state: MechState<KrbData>, message: Uint8Array): MicResult<KrbData> {
  const data = dataOf(state);
  if (!data.established)
    throw new Error(`Kerberos GetMIC before the context is established (${state.name})`);
  const pk = protectionKey(data);
  if (isRc4(pk)) return getRc4Mic(state, data, pk, message);
  const { key, etype, which, acceptorSubkey } = pk;
  const flags =
    (state.role === 'acceptor' ? SENT_BY_ACCEPTOR : 0) | (acceptorSubkey ? ACCEPTOR_SUBKEY : 0);
  const token: MicToken = { tokId: TOK_ID_MIC, flags, sndSeq: BigInt(data.sendSeq) };
  const usage = signUsage(state.role);
  const mic = encodeMicToken({
    ...token,
    checksum: checksum(key, usage, withHeader(message, header(token)), etype),
  });
  const rule: Rule = {
    by: state.role,
    text: `makes an RFC 4121 MIC token (04 04, flags 0x${flags.toString(16).padStart(2, '0')}, SND_SEQ ${data.sendSeq}): ${checksumName(etype)} over the message and the token header with ${which}, key usage ${usage}`,
    spec: 'RFC 4121 §4.2.6.1, §2',
  };
  const next = { ...data, sendSeq: data.sendSeq + 1 };
  return { state: withData(state, next, { 'send seq': next.sendSeq }), mic, rules: [rule] };
}

export function verifyMic(
  state: MechState<KrbData>,
  message: Uint8Array,
  mic: Uint8Array,
): MicCheck<KrbData> {
  const data = dataOf(state);
  const by = state.role;
  const fail = (why: string): MicCheck<KrbData> => ({
    state,
    ok: false,
    rules: [{ by, text: `the peer's MIC does not verify: ${why}`, spec: 'RFC 4121 §4.2.6.1' }],
  });
  if (!data.established) return fail('the context is not established');
  const pk = protectionKey(data);
  if (isRc4(pk)) return verifyRc4Mic(state, data, pk, message, mic);
  const cksumLength = etypeProfile(pk.etype).checksumLength;
  if (mic.length !== CFX_HEADER_LENGTH + cksumLength)
    return fail(`it is ${mic.length} bytes, not ${CFX_HEADER_LENGTH + cksumLength}`);
  const read = readMicToken(mic);
  if (!read.ok) return fail(read.error);
  const token = read.value;
  if (token.tokId !== TOK_ID_MIC)
    return fail(`TOK_ID ${token.tokId.toString(16).padStart(4, '0')} is not 04 04`);
  if (!token.filler?.every((b) => b === 0xff)) return fail('the filler is not ff ff ff ff ff');
  const flags = token.flags;
  const peer: Role = by === 'initiator' ? 'acceptor' : 'initiator';
  const { key, etype, which, acceptorSubkey } = pk;
  if (Boolean(flags & SENT_BY_ACCEPTOR) !== (peer === 'acceptor')) {
    return fail(
      `SentByAcceptor is ${flags & SENT_BY_ACCEPTOR ? 'set' : 'clear'} in a token from the ${peer} (a reflected token?)`,
    );
  }
  if (flags & SEALED) return fail('Sealed is set, which a MIC token never is');
  if (Boolean(flags & ACCEPTOR_SUBKEY) !== acceptorSubkey) {
    return fail(
      `AcceptorSubkey is ${flags & ACCEPTOR_SUBKEY ? 'set' : 'clear'}, but this context ${acceptorSubkey ? 'has' : 'has no'} acceptor subkey`,
    );
  }
  const usage = signUsage(peer);
  const cksum = token.checksum ?? new Uint8Array(0);
  if (!verifyChecksum(key, usage, withHeader(message, header(token)), cksum, etype)) {
    return fail(
      `the ${checksumName(etype)} (${which}, key usage ${usage}) differs: the message or the token was changed`,
    );
  }
  const seq = Number(token.sndSeq);
  const rules: Rule[] = [
    {
      by,
      text: `verifies the ${peer}'s MIC token with ${which}, key usage ${usage}: the checksum matches`,
      spec: 'RFC 4121 §4.2.6.1',
    },
  ];
  if (seq !== data.recvSeq) {
    // Sequence problems are supplementary information, not a failure (RFC 2743 §1.2.3).
    rules.push({
      by,
      text: `SND_SEQ is ${seq}, expected ${data.recvSeq}: out of sequence`,
      spec: 'RFC 4121 §4.2.3',
    });
  }
  const next = { ...data, recvSeq: seq + 1 };
  return { state: withData(state, next, { 'recv seq': next.recvSeq }), ok: true, rules };
}
