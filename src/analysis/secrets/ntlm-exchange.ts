/**
 * The NTLM messages of one exchange and the SPNEGO pieces around them, as the NTLM secret opener
 * reads them: the messages ride bare (raw GSS-API NTLM, HTTP `NTLM` scheme) or inside SPNEGO's
 * mechToken / responseToken (RFC 4178 §4.2), and the mechListMICs sit beside them.
 */
import { readNtlmMessage, type NtlmMessage } from '../../codec/ntlm';
import { readSpnegoToken } from '../../codec/spnego/token';
import { NTLMSSP_SIGNATURE } from '../../data/ntlm';
import { startsWith } from '../../bytes';
import type { Side } from '../types';
import type { TokenOnWire } from './types';

/** What one token of the exchange holds, as far as NTLM is concerned. */
export interface NtlmLeg {
  index: number;
  from: Side;
  token: Uint8Array;
  /** The NTLM message's bytes, exactly as sent (what the MIC covers). */
  ntlmBytes?: Uint8Array;
  /** The message, or why it did not read. */
  ntlm?: { ok: true; message: NtlmMessage } | { ok: false; error: string; offset: number };
  /** SPNEGO only: the MechTypeList of a NegTokenInit / NegTokenInit2 as sent (RFC 4178 §5). */
  mechTypesDer?: Uint8Array;
  spnegoKind?: 'NegTokenInit' | 'NegTokenInit2' | 'NegTokenResp';
  mechListMIC?: Uint8Array;
}

function isNtlmBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && startsWith(bytes, 0, NTLMSSP_SIGNATURE);
}

/** Reads one token; never throws (the readers return errors as data). */
export function readLeg(t: TokenOnWire, index: number): NtlmLeg {
  const leg: NtlmLeg = { index, from: t.from, token: t.token };
  let inner: Uint8Array | undefined;
  if (isNtlmBytes(t.token)) {
    inner = t.token;
  } else {
    const spnego = readSpnegoToken(t.token);
    if (!spnego.ok) return leg;
    const v = spnego.value;
    leg.spnegoKind = v.kind;
    if (v.kind === 'NegTokenResp') {
      inner = v.responseToken;
    } else {
      inner = v.mechToken;
      leg.mechTypesDer = v.mechTypesDer;
    }
    leg.mechListMIC = v.mechListMIC;
  }
  if (inner && isNtlmBytes(inner)) {
    leg.ntlmBytes = inner;
    const read = readNtlmMessage(inner);
    leg.ntlm = read.ok
      ? { ok: true, message: read.value }
      : { ok: false, error: read.error, offset: read.offset };
  }
  return leg;
}

/** One NTLM authentication inside the exchange: its three messages and the SPNEGO around them. */
export interface NtlmRound {
  negotiate?: NtlmLeg;
  challenge?: NtlmLeg;
  authenticate: NtlmLeg;
  /** The initiator's MechTypeList, as its NegTokenInit carried it. */
  mechTypesDer?: Uint8Array;
  /** Tokens carrying the initiator's and the acceptor's mechListMIC after the AUTHENTICATE. */
  initiatorMic?: NtlmLeg;
  acceptorMic?: NtlmLeg;
}

const typeOf = (leg: NtlmLeg): number | undefined =>
  leg.ntlm?.ok ? leg.ntlm.message.messageType : undefined;

/**
 * Groups the legs into authentications: each AUTHENTICATE with the NEGOTIATE and CHALLENGE
 * before it (since the previous AUTHENTICATE), the initiator's MechTypeList, and the first
 * mechListMIC each side sent from the AUTHENTICATE on (RFC 4178 §5: the initiator's rides with
 * or after its last mechanism token, the acceptor's in its final reply).
 */
export function ntlmRounds(legs: readonly NtlmLeg[]): NtlmRound[] {
  const rounds: NtlmRound[] = [];
  let negotiate: NtlmLeg | undefined;
  let challenge: NtlmLeg | undefined;
  let mechTypesDer: Uint8Array | undefined;
  let current: NtlmRound | undefined;
  for (const leg of legs) {
    // The MIC covers the list the initiator sent; an acceptor's NegTokenInit2 list is its own.
    if (leg.from === 'initiator' && leg.spnegoKind === 'NegTokenInit') {
      mechTypesDer = leg.mechTypesDer;
    }
    const type = typeOf(leg);
    if (type === 1) negotiate = leg;
    else if (type === 2) challenge = leg;
    else if (type === 3 || (leg.ntlmBytes && leg.from === 'initiator' && type === undefined)) {
      // An unreadable initiator NTLM message after a CHALLENGE is the AUTHENTICATE that failed to read.
      if (type === 3 || challenge) {
        current = { negotiate, challenge, authenticate: leg, mechTypesDer };
        rounds.push(current);
        negotiate = undefined;
        challenge = undefined;
      }
    }
    if (current && leg.mechListMIC) {
      if (leg.from === 'initiator' && !current.initiatorMic) current.initiatorMic = leg;
      else if (leg.from === 'acceptor' && !current.acceptorMic) current.acceptorMic = leg;
    }
  }
  return rounds;
}
