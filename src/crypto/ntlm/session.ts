// NTLM session security state: one sealing handle and sequence number per direction, as a
// connection-oriented context keeps them [MS-NLMP §3.1.1.1, §3.4.3, §3.4.4].
import { createRc4, type Rc4Cipher } from '../rc4';
import {
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_KEY_EXCH,
  NTLMSSP_NEGOTIATE_SEAL,
  NTLMSSP_NEGOTIATE_SIGN,
  hasFlag,
  type NtlmSignatureFields,
} from '../../data/ntlm';
import { type NtlmMode, sealKey, signKey } from './keys';
import { dummySignature, macWithEss, macWithoutEss } from './signature';
import { equalBytes } from '../../bytes';

/** The state for messages sent by one side (its keys, its RC4 handle, its SeqNum). */
export interface NtlmDirectionState {
  readonly flags: number;
  /** Which side sends in this direction; selects the client or server key magic. */
  readonly sender: NtlmMode;
  /** SIGNKEY; undefined without ESS. */
  readonly signingKey: Uint8Array | undefined;
  readonly sealingKey: Uint8Array;
  /** The RC4 sealing handle; withRewoundHandle and resetHandle swap it for another. */
  handle: Rc4Cipher;
  seqNum: number;
}

/**
 * Both directions of one side's context. `outbound` signs/seals what this side sends;
 * `inbound` verifies/unseals what the peer sends (so a client's inbound uses the server keys).
 */
export interface NtlmSessionSecurity {
  readonly flags: number;
  readonly outbound: NtlmDirectionState;
  readonly inbound: NtlmDirectionState;
}

export function createDirectionState(
  flags: number,
  exportedSessionKey: Uint8Array,
  sender: NtlmMode,
  ntlmRevision?: number,
): NtlmDirectionState {
  const sealingKey = sealKey(flags, exportedSessionKey, sender, ntlmRevision);
  return {
    flags,
    sender,
    signingKey: signKey(flags, exportedSessionKey, sender),
    sealingKey,
    handle: createRc4(sealingKey),
    seqNum: 0,
  };
}

/**
 * Keys and fresh handles for one side once authentication completes, SeqNums at 0
 * [§3.1.5.1.2 client, §3.2.5.1.2 server]. Without ESS both directions get the same key but,
 * as MS-NLMP specifies, separate handles and counters (Samba shares one; only matters when
 * both directions carry traffic under NTLMv1 without ESS).
 */
export function createNtlmSessionSecurity(options: {
  flags: number;
  exportedSessionKey: Uint8Array;
  mode: NtlmMode;
  ntlmRevision?: number;
}): NtlmSessionSecurity {
  const { flags, exportedSessionKey, mode, ntlmRevision } = options;
  const peer: NtlmMode = mode === 'client' ? 'server' : 'client';
  return {
    flags,
    outbound: createDirectionState(flags, exportedSessionKey, mode, ntlmRevision),
    inbound: createDirectionState(flags, exportedSessionKey, peer, ntlmRevision),
  };
}

function integrityNegotiated(flags: number): boolean {
  return hasFlag(flags, NTLMSSP_NEGOTIATE_SIGN) || hasFlag(flags, NTLMSSP_NEGOTIATE_SEAL);
}

/** The next signature in this direction; consumes one SeqNum and advances the handle. */
function mac(state: NtlmDirectionState, message: Uint8Array): NtlmSignatureFields {
  const seqNum = state.seqNum;
  state.seqNum = (state.seqNum + 1) >>> 0;
  if (!hasFlag(state.flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
    return macWithoutEss(state.handle, seqNum, message);
  }
  if (!state.signingKey) throw new Error('ESS negotiated but no signing key');
  const keyExch = hasFlag(state.flags, NTLMSSP_NEGOTIATE_KEY_EXCH) ? state.handle : undefined;
  return macWithEss(state.signingKey, seqNum, message, keyExch);
}

/** Same checksum and SeqNum field; without ESS the RandomPad carries nothing checkable [§3.4.4.1]. */
function signaturesMatch(expected: NtlmSignatureFields, received: NtlmSignatureFields): boolean {
  if (expected.extendedSessionSecurity !== received.extendedSessionSecurity) return false;
  if (!equalBytes(expected.checksum, received.checksum)) return false;
  const a = expected.seqNum;
  const b = received.seqNum;
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return equalBytes(a, b);
}

/** GSS_GetMIC: the 16-byte NTLMSSP_MESSAGE_SIGNATURE for `message` [§3.4.4]. */
export function sign(state: NtlmDirectionState, message: Uint8Array): NtlmSignatureFields {
  if (!integrityNegotiated(state.flags)) return dummySignature();
  return mac(state, message);
}

/**
 * GSS_VerifyMIC on the receiving side's `inbound` state. The SeqNum and handle advance whether
 * or not the signature matches, as the peer's did when it signed.
 */
export function verify(
  state: NtlmDirectionState,
  message: Uint8Array,
  signature: NtlmSignatureFields,
): boolean {
  if (!integrityNegotiated(state.flags)) return signaturesMatch(dummySignature(), signature);
  return signaturesMatch(mac(state, message), signature);
}

/**
 * GSS_WrapEx with confidentiality [§3.4.3]: the message is encrypted first, then signed over
 * the plaintext with the same handle, so the checksum's keystream follows the message's.
 */
export function seal(
  state: NtlmDirectionState,
  message: Uint8Array,
): { sealed: Uint8Array; signature: NtlmSignatureFields } {
  const sealed = state.handle.process(message);
  return { sealed, signature: mac(state, message) };
}

/** GSS_UnwrapEx: decrypts, then checks the signature over the recovered plaintext. */
export function unseal(
  state: NtlmDirectionState,
  sealed: Uint8Array,
  signature: NtlmSignatureFields,
): { message: Uint8Array; valid: boolean } {
  const message = state.handle.process(sealed);
  return { message, valid: signaturesMatch(mac(state, message), signature) };
}

/**
 * Runs `fn` (typically the SPNEGO mechListMIC's sign or verify) and then puts the RC4 handle
 * back where it was, keeping the SeqNum increment: MS-SPNG §3.2.5.1 / §3.3.5.1 have NTLM
 * reuse the mechListMIC's keystream for the first application message while SeqNum moves on.
 *   const mic = withRewoundHandle(ctx.outbound, (s) => sign(s, derMechTypeList));
 *   const ok = withRewoundHandle(ctx.inbound, (s) => verify(s, derMechTypeList, peerMic));
 */
export function withRewoundHandle<T>(
  state: NtlmDirectionState,
  fn: (state: NtlmDirectionState) => T,
): T {
  const saved = state.handle.clone();
  try {
    return fn(state);
  } finally {
    state.handle = saved;
  }
}

/**
 * Re-initialises the handle from the sealing key without touching SeqNum (Samba's
 * ntlmssp_sign_reset). Same effect as withRewoundHandle when, as in SPNEGO, the mechListMIC is
 * the first use of the handle.
 */
export function resetHandle(state: NtlmDirectionState): void {
  state.handle = createRc4(state.sealingKey);
}
