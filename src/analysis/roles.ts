import { readDer } from '../codec/asn1/read';
import {
  AP_REP,
  AP_REQ,
  flagMask,
  isPerMessageToken,
  KRB_ERROR,
  readKrbContextToken,
  type ApRep,
  type ApReq,
  type KrbError,
} from '../codec/kerberos';
import {
  isNtlmMessage,
  readNtlmMessage,
  readNtlmv2Response,
  type NtlmVersion,
} from '../codec/ntlm';
import { avFlagsOf } from '../codec/ntlm/responses';
import { readInitialContextToken } from '../codec/gss';
import { readSpnegoToken } from '../codec/spnego/token';
import { AP_OPTIONS_BIT, CFX_FLAG } from '../data/kerberos';
import { MSV_AV_TIMESTAMP, MSV_CHANNEL_BINDINGS } from '../data/ntlm';
import { KERBEROS_FAMILY_OIDS } from '../data/oids';
import { equalBytes, readU16BE, readU32LE } from '../bytes';
import type {
  KerberosObservation,
  MechObservation,
  NtlmObservation,
  NtlmVersionValue,
  TokenObservation,
} from '../protocol/observe';
import type { Side } from './types';

/**
 * What each observed token is, read with the codec's typed readers into the observing machines'
 * vocabulary (`TokenObservation`), and who sent it when the input does not say.
 */

const MUTUAL = flagMask([AP_OPTIONS_BIT.mutualRequired]);
const USE_SESSION_KEY = flagMask([AP_OPTIONS_BIT.useSessionKey]);

function principal(name: { 'name-string': string[] } | undefined): string {
  return name ? name['name-string'].join('/') : '?';
}

function kerberosMessage(
  kind: 'AP-REQ' | 'AP-REP' | 'KRB-ERROR',
  value: ApReq | ApRep | KrbError,
  framed: boolean,
  thisMech: string | null,
): KerberosObservation {
  if (kind === 'AP-REQ') {
    const v = value as ApReq;
    const opts = Number(v['ap-options'] ?? 0) >>> 0;
    return {
      mech: 'kerberos',
      message: 'AP-REQ',
      framed,
      thisMech,
      mutualRequired: (opts & MUTUAL) !== 0,
      useSessionKey: (opts & USE_SESSION_KEY) !== 0,
      sname: principal(v.ticket.sname),
      snameType: v.ticket.sname['name-type'],
      realm: v.ticket.realm,
      ticketEtype: v.ticket['enc-part'].etype,
      ticketKvno: v.ticket['enc-part'].kvno ?? null,
      authenticatorEtype: v.authenticator.etype,
      authenticatorLength: v.authenticator.cipher.length,
    };
  }
  if (kind === 'AP-REP') {
    const v = value as ApRep;
    return { mech: 'kerberos', message: 'AP-REP', framed, etype: v['enc-part'].etype };
  }
  const v = value as KrbError;
  return {
    mech: 'kerberos',
    message: 'KRB-ERROR',
    framed,
    errorCode: v['error-code'],
    stime: String(v.stime),
    ctime: v.ctime !== undefined ? String(v.ctime) : null,
    eText: v['e-text'] ?? null,
    eData: v['e-data'] !== undefined,
    sname: principal(v.sname),
    realm: v.realm,
  };
}

function version(v: NtlmVersion | Uint8Array | undefined): NtlmVersionValue | null {
  if (!v || v instanceof Uint8Array) return null;
  return { major: v.major, minor: v.minor, build: v.build, revision: v.revision };
}

function ntlmObservation(bytes: Uint8Array): NtlmObservation | { error: string } {
  const read = readNtlmMessage(bytes);
  if (!read.ok) return { error: `${read.error} at offset ${read.offset}` };
  const m = read.value;
  if (m.messageType === 1)
    return {
      mech: 'ntlm',
      message: 'NEGOTIATE',
      flags: m.flags >>> 0,
      version: version(m.version),
    };
  if (m.messageType === 2) {
    const pairs = m.targetInfo ?? [];
    const ts = pairs.find((p) => p.id === MSV_AV_TIMESTAMP)?.value;
    return {
      mech: 'ntlm',
      message: 'CHALLENGE',
      flags: m.flags >>> 0,
      version: version(m.version),
      avIds: pairs.map((p) => p.id),
      avFlags: avFlagsOf(pairs) ?? null,
      timestamp: typeof ts === 'bigint' ? ts : null,
    };
  }
  const nt = m.ntChallengeResponse ?? new Uint8Array(0);
  const v2 = nt.length > 24 ? readNtlmv2Response(nt) : null;
  const pairs = v2?.ok ? v2.value.clientChallenge.avPairs : [];
  const cb = pairs.find((p) => p.id === MSV_CHANNEL_BINDINGS)?.value;
  return {
    mech: 'ntlm',
    message: 'AUTHENTICATE',
    flags: m.flags >>> 0,
    version: version(m.version),
    mic: m.mic !== undefined,
    variant:
      nt.length > 24
        ? 'NTLMv2'
        : nt.length === 24
          ? 'NTLMv1'
          : nt.length === 0
            ? 'anonymous'
            : 'unknown',
    lmResponseLength: m.lmChallengeResponse?.length ?? 0,
    ntResponseLength: nt.length,
    avIds: pairs.map((p) => p.id),
    avFlags: avFlagsOf(pairs) ?? null,
    timestamp: v2?.ok ? v2.value.clientChallenge.timeStamp : null,
    channelBindings:
      cb === undefined
        ? 'absent'
        : cb instanceof Uint8Array && cb.every((b) => b === 0)
          ? 'zero'
          : 'present',
    userName: m.userName ?? null,
    domainName: m.domainName ?? null,
    workstation: m.workstation ?? null,
  };
}

/** A mechanism token (inside SPNEGO or bare), or null when it is none of the known kinds. */
export function readMechToken(bytes: Uint8Array): MechObservation {
  if (bytes.length === 0) return { mech: null, message: 'unreadable', error: 'empty token' };
  if (isNtlmMessage(bytes, 0, bytes.length)) {
    const n = ntlmObservation(bytes);
    return 'error' in n ? { mech: null, message: 'unreadable', error: n.error } : n;
  }
  if (bytes[0] === 0x60) {
    const k = readKrbContextToken(bytes);
    if (k.ok) {
      const m = k.value.message;
      if (m) return kerberosMessage(m.kind, m.value, true, k.value.thisMech);
      return {
        mech: null,
        message: 'unreadable',
        error: `Kerberos token ${k.value.tokId} carries no message`,
      };
    }
    return {
      mech: null,
      message: 'unreadable',
      error: `${k.error.message} at offset ${k.error.offset}`,
    };
  }
  // DCE style: the AP-REQ / AP-REP without GSS framing (MS-KILE §3.4.5.1).
  const raw = { 0x6e: 'AP-REQ', 0x6f: 'AP-REP', 0x7e: 'KRB-ERROR' } as const;
  const kind = raw[bytes[0] as keyof typeof raw];
  if (kind) {
    const read =
      kind === 'AP-REQ'
        ? readDer(AP_REQ, bytes)
        : kind === 'AP-REP'
          ? readDer(AP_REP, bytes)
          : readDer(KRB_ERROR, bytes);
    if (read.ok) return kerberosMessage(kind, read.value, false, null);
    return {
      mech: null,
      message: 'unreadable',
      error: `${read.error.message} at offset ${read.error.offset}`,
    };
  }
  if (bytes.length >= 8 && readU32LE(bytes, 0) === 0x584f454e && readU32LE(bytes, 4) === 0x5254534f)
    return { mech: 'negoex', message: 'message' };
  return { mech: null, message: 'unreadable', error: 'not a Kerberos, NTLM or NEGOEX token' };
}

function optionalMech(bytes: Uint8Array | undefined): MechObservation | null {
  return bytes === undefined ? null : readMechToken(bytes);
}

/**
 * Reads a token into an observation: SPNEGO first (framed NegTokenInit/NegTokenInit2 or a bare
 * NegTokenResp), then per-message tokens (RFC 4121 §4.2.6 MIC/Wrap, legacy RFC 1964 ones, NTLM
 * signatures), then bare mechanism tokens. Never throws.
 */
export function readObservation(bytes: Uint8Array): TokenObservation {
  try {
    return read(bytes);
  } catch (e) {
    return { kind: 'unknown', error: e instanceof Error ? e.message : String(e) };
  }
}

function read(bytes: Uint8Array): TokenObservation {
  if (bytes.length === 0) return { kind: 'unknown', error: 'the token has no bytes' };
  const s = readSpnegoToken(bytes);
  if (s.ok) {
    const v = s.value;
    if (v.kind === 'NegTokenInit')
      return {
        kind: 'NegTokenInit',
        mechTypes: v.mechTypes ?? [],
        reqFlags: v.reqFlags !== undefined,
        inner: optionalMech(v.mechToken),
        mechListMIC: v.mechListMIC?.length ?? null,
      };
    if (v.kind === 'NegTokenInit2')
      return {
        kind: 'NegTokenInit2',
        mechTypes: v.mechTypes ?? [],
        hintName: v.negHints?.hintName ?? null,
        inner: optionalMech(v.mechToken),
        mechListMIC: v.mechListMIC?.length ?? null,
      };
    const rt = v.responseToken;
    return {
      kind: 'NegTokenResp',
      negState: v.negState ?? null,
      supportedMech: v.supportedMech ?? null,
      inner: rt && rt.length > 0 ? readMechToken(rt) : null,
      responseToken: rt ? rt.length : null,
      mechListMIC: v.mechListMIC?.length ?? null,
      micDuplicatesToken: !!rt && !!v.mechListMIC && equalBytes(rt, v.mechListMIC),
      length: bytes.length,
    };
  }
  // Per-message tokens: CFX (RFC 4121 §4.2.6), framed RFC 1964 ones, NTLM signatures (+ sealed data).
  if (isPerMessageToken(bytes, 0, bytes.length)) {
    const id = readU16BE(bytes, 0);
    return {
      kind: 'per-message',
      mech: 'kerberos',
      what: id === 0x0404 ? 'GetMIC' : id === 0x0504 ? 'Wrap' : 'delete',
      sentByAcceptor: (bytes[2] & CFX_FLAG.sentByAcceptor) !== 0,
    };
  }
  // RFC 1964 §1.2 per-message tokens (RC4 and DES contexts): GSS-framed with TOK_ID 0101 / 0201.
  if (bytes[0] === 0x60) {
    const framed = readInitialContextToken(bytes);
    if (framed.ok && KERBEROS_FAMILY_OIDS.includes(framed.value.thisMech)) {
      const at = framed.value.innerOffset;
      const legacy: Record<number, string> = { 0x0101: 'GetMIC', 0x0201: 'Wrap', 0x0102: 'delete' };
      const what = at + 2 <= bytes.length ? legacy[readU16BE(bytes, at)] : undefined;
      if (what) return { kind: 'per-message', mech: 'kerberos', what, sentByAcceptor: null };
    }
  }
  if (bytes.length >= 16 && readU32LE(bytes, 0) === 1 && !isNtlmMessage(bytes, 0, bytes.length))
    return {
      kind: 'per-message',
      mech: 'ntlm',
      what:
        bytes.length === 16 ? 'GetMIC (NTLM signature)' : 'Wrap (NTLM signature and sealed data)',
      sentByAcceptor: null,
    };
  const inner = readMechToken(bytes);
  if (inner.mech === null)
    return {
      kind: 'unknown',
      error: `not SPNEGO (${s.error.message} at offset ${s.error.offset}) nor a mechanism token (${inner.error})`,
    };
  return { kind: 'mech', inner };
}

/** The side the token's content says sent it, or null when only its position can tell. */
export function sideOfContent(
  obs: TokenObservation,
  previous: TokenObservation | null,
  previousFrom: Side | null,
): { side: Side; why: string } | null {
  switch (obs.kind) {
    case 'NegTokenInit':
      return {
        side: 'initiator',
        why: 'a NegTokenInit comes from the initiator (RFC 4178 §4.2.1)',
      };
    case 'NegTokenInit2':
      return {
        side: 'acceptor',
        why: 'a NegTokenInit2 comes from the acceptor: the server speaks first (MS-SPNG §3.2.5.2)',
      };
    case 'NegTokenResp': {
      if (obs.supportedMech)
        return {
          side: 'acceptor',
          why: 'supportedMech is sent only by the acceptor (RFC 4178 §4.2.2)',
        };
      if (obs.negState === 'request-mic')
        return { side: 'acceptor', why: 'request-mic is the acceptor’s (RFC 4178 §4.2.2)' };
      if (obs.inner) return sideOfMech(obs.inner, previous, previousFrom);
      return null;
    }
    case 'mech':
      return sideOfMech(obs.inner, previous, previousFrom);
    case 'per-message':
      if (obs.sentByAcceptor === null) return null;
      return obs.sentByAcceptor
        ? { side: 'acceptor', why: 'the token’s SentByAcceptor flag is set (RFC 4121 §4.2.2)' }
        : { side: 'initiator', why: 'the token’s SentByAcceptor flag is clear (RFC 4121 §4.2.2)' };
    default:
      return null;
  }
}

function innerOf(obs: TokenObservation | null): MechObservation | null {
  if (!obs) return null;
  if (obs.kind === 'mech') return obs.inner;
  if (obs.kind === 'NegTokenInit' || obs.kind === 'NegTokenResp' || obs.kind === 'NegTokenInit2')
    return obs.inner;
  return null;
}

function sideOfMech(
  inner: MechObservation,
  previous: TokenObservation | null,
  previousFrom: Side | null,
): { side: Side; why: string } | null {
  if (inner.mech === 'ntlm') {
    if (inner.message === 'CHALLENGE')
      return {
        side: 'acceptor',
        why: 'an NTLM CHALLENGE comes from the server (MS-NLMP §3.2.5.1.1)',
      };
    return {
      side: 'initiator',
      why: `an NTLM ${inner.message} comes from the client (MS-NLMP §3.1.5.1)`,
    };
  }
  if (inner.mech === 'kerberos') {
    if (inner.message === 'AP-REQ')
      return { side: 'initiator', why: 'an AP-REQ comes from the client (RFC 4120 §3.2.2)' };
    if (inner.message === 'KRB-ERROR')
      return {
        side: 'acceptor',
        why: 'a KRB-ERROR in a context token comes from the acceptor (RFC 4121 §4.1)',
      };
    const before = innerOf(previous);
    if (before?.mech === 'kerberos' && before.message === 'AP-REP' && previousFrom === 'acceptor')
      return {
        side: 'initiator',
        why: 'an AP-REP right after the acceptor’s AP-REP is DCE style’s third leg, from the client (MS-KILE §3.4.5.1)',
      };
    return { side: 'acceptor', why: 'an AP-REP comes from the acceptor (RFC 4120 §3.2.4)' };
  }
  return null;
}

export interface SideDecision {
  from: Side;
  inferred: boolean;
  why: string;
  /** Set when the input's `from` contradicts what the content says. */
  contradiction: string | null;
}

/**
 * Who sent each token: the input's word where given (with a contradiction noted when the content
 * disagrees), else the content, else the opposite of the token before (each leg answers the
 * other side), else the initiator for a first token.
 */
export function decideSides(
  observations: readonly TokenObservation[],
  given: readonly (Side | null)[],
): SideDecision[] {
  const out: SideDecision[] = [];
  let previous: TokenObservation | null = null;
  let previousFrom: Side | null = null;
  for (let i = 0; i < observations.length; i++) {
    const obs = observations[i];
    const content = sideOfContent(obs, previous, previousFrom);
    const stated = given[i] ?? null;
    let decision: SideDecision;
    if (stated) {
      decision = {
        from: stated,
        inferred: false,
        why: 'as the input says',
        contradiction:
          content && content.side !== stated
            ? `token ${i + 1} is given as sent by the ${stated}, but ${content.why}`
            : null,
      };
    } else if (content) {
      decision = { from: content.side, inferred: true, why: content.why, contradiction: null };
    } else if (obs.kind === 'per-message' && previous?.kind !== 'per-message') {
      decision = {
        from: 'initiator',
        inferred: true,
        why: 'the first per-message token on an established context is usually the client’s application request; nothing in it names its sender',
        contradiction: null,
      };
    } else if (previousFrom) {
      const side: Side = previousFrom === 'initiator' ? 'acceptor' : 'initiator';
      decision = {
        from: side,
        inferred: true,
        why: `nothing in the token names its sender: taken as the ${side}'s answer to the token before`,
        contradiction: null,
      };
    } else {
      decision = {
        from: 'initiator',
        inferred: true,
        why: 'nothing in the token names its sender: a first token is the initiator’s',
        contradiction: null,
      };
    }
    out.push(decision);
    previous = obs;
    previousFrom = decision.from;
  }
  return out;
}
