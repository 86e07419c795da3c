/**
 * The simulator configuration that explains a real exchange: each choice read from what the
 * wire shows (fingerprint, mechanism lists, which side chose what, Kerberos errors and options,
 * NTLM messages), with the evidence it came from. Plain data, no token bytes.
 */
import {
  GSS_REQUEST_FLAGS,
  KRB_ETYPES,
  type ConfigPatch,
  type GssRequestFlag,
  type ImplementationName,
  type KrbEtype,
  type LmCompatibilityLevel,
  type NtlmConfig,
  type TransportName,
} from '../../protocol/config';
import { simulate } from '../../protocol';
import type { MechName } from '../../protocol/types';
import { fromBase64 } from '../../bytes';
import { readSpnegoToken } from '../../codec/spnego/token';
import { readNtlmv2Response } from '../../codec/ntlm';
import { KERBEROS_OIDS, OID } from '../../data/oids';
import { HEIMDAL, MIT, SAMBA, WINDOWS } from '../fingerprint';
import type { AnalysedExchange, AnalysedStep } from '../types';
import { readKrbMessage, readNtlm } from './shape';
import { compareRuns } from './compare';

export interface Evidence {
  /** The config field it decides, as a path (`acceptor.kerberosKey`). */
  field: string;
  why: string;
}

export interface Inference {
  config: ConfigPatch;
  evidence: Evidence[];
  /** What the exchange shows that the simulator cannot produce: differences expected there. */
  limits: string[];
}

const IMPLEMENTATION: Record<string, ImplementationName> = {
  [MIT]: 'mit',
  [HEIMDAL]: 'heimdal',
  [WINDOWS]: 'windows',
  [SAMBA]: 'samba',
};

/** AP-REQ ap-options mutual-required, bit 2 (RFC 4120 §5.5.1). */
const MUTUAL_REQUIRED = 0x20000000;
/** MsvAvChannelBindings (MS-NLMP §2.2.2.1). */
const MSV_AV_CHANNEL_BINDINGS = 0x000a;

function mechOf(oid: string): MechName | null {
  if (KERBEROS_OIDS.includes(oid)) return 'kerberos';
  if (oid === OID.ntlmssp) return 'ntlm';
  return null;
}

/** The mechanism message inside a step (mechToken, responseToken, or the bare token). */
function innerToken(step: AnalysedStep): Uint8Array | undefined {
  const read = readSpnegoToken(step.token);
  if (!read.ok) return step.token.length ? step.token : undefined;
  const t = read.value;
  if (t.kind === 'NegTokenResp') return t.responseToken;
  if (t.kind === 'NegTokenInit') return t.mechToken;
  return undefined;
}

/** GSS_C_DELEG_FLAG and the request flags' bits in the GSS checksum (RFC 4121 §4.1.1.1). */
const GSS_C_DELEG_FLAG = 0x01;
const GSS_FLAG_BITS: Record<GssRequestFlag, number> = {
  replay: 0x04,
  sequence: 0x08,
  conf: 0x10,
  integ: 0x20,
};

/**
 * What the decrypted Authenticator's GSS checksum says, when the analysis opened it with a key
 * the user gave: Flags, whether Bnd is set, whether a KRB-CRED rides along.
 */
function authenticatorFacts(
  step: AnalysedStep,
): { flags: number; bound: boolean; deleg: boolean } | null {
  const opened = step.secrets.find((r) => r.what === 'Authenticator' && r.ok && r.root);
  if (!opened?.root) return null;
  const found: Record<string, unknown> = {};
  // The tree is the codec's (bounded depth): a plain walk with an explicit stack.
  const stack = [opened.root];
  while (stack.length) {
    const node = stack.pop()!;
    if (['Flags', 'Bnd', 'Deleg'].includes(node.name) && !(node.name in found))
      found[node.name] = node.value ?? true;
    stack.push(...(node.children ?? []));
  }
  if (typeof found.Flags !== 'number') return null;
  const bnd = typeof found.Bnd === 'string' ? found.Bnd : '';
  return { flags: found.Flags, bound: /[1-9a-f]/i.test(bnd), deleg: 'Deleg' in found };
}

function transportOf(
  exchange: AnalysedExchange,
  first: AnalysedStep | undefined,
): {
  transport: TransportName;
  why: string;
} {
  if (exchange.transport === 'smb2')
    return {
      transport: 'smb',
      why: 'the tokens ride in SMB2 NEGOTIATE and SESSION_SETUP (MS-SMB2 §3.3.5.5)',
    };
  const spnego = first ? readSpnegoToken(first.token).ok : true;
  if (spnego)
    return { transport: 'http', why: 'SPNEGO tokens in HTTP Negotiate headers (RFC 4559 §4)' };
  const ntlm = first ? readNtlm(first.token) !== null : false;
  if (ntlm && exchange.steps.some((s) => s.carrier?.includes('NTLM')))
    return {
      transport: 'http-ntlm',
      why: 'raw NTLM messages in the HTTP NTLM scheme (MS-NTHT §2.2)',
    };
  return {
    transport: 'bare',
    why: `the first token is a bare ${ntlm ? 'NTLM' : 'Kerberos'} message, no SPNEGO around it`,
  };
}

export function inferConfig(exchange: AnalysedExchange): Inference {
  const evidence: Evidence[] = [];
  const limits: string[] = [];
  const note = (field: string, why: string) => evidence.push({ field, why });
  const steps = exchange.steps;
  const fromInit = steps.filter((s) => s.from === 'initiator');
  const fromAcc = steps.filter((s) => s.from === 'acceptor');
  const firstInit = fromInit[0];

  const initiator: NonNullable<ConfigPatch['initiator']> = {};
  const acceptor: NonNullable<ConfigPatch['acceptor']> = {};
  const kerberos: NonNullable<ConfigPatch['kerberos']> = {};
  const faults: NonNullable<ConfigPatch['faults']> = {};
  const ntlm: NtlmConfig = {};
  let realm: string | undefined;
  let ntlmV1 = false;

  // Implementations: from the fingerprint; a side without clues behaves as the other one (the
  // lab pairs and most deployments run one stack), else MIT.
  const initImpl = IMPLEMENTATION[exchange.fingerprint.initiator];
  const accImpl = IMPLEMENTATION[exchange.fingerprint.acceptor];
  const initiatorImpl = initImpl ?? accImpl ?? 'mit';
  const acceptorImpl = accImpl ?? initImpl ?? 'mit';
  initiator.implementation = initiatorImpl;
  acceptor.implementation = acceptorImpl;
  const clues = (side: string) =>
    exchange.fingerprint.evidence
      .filter((e) => e.side === side)
      .map((e) => e.text)
      .slice(0, 2)
      .join('; ');
  note(
    'initiator.implementation',
    initImpl
      ? `looks like ${exchange.fingerprint.initiator}: ${clues('initiator')}`
      : `no habit of the client's tells its stack; taken as ${initiatorImpl}, as the server`,
  );
  note(
    'acceptor.implementation',
    accImpl
      ? `looks like ${exchange.fingerprint.acceptor}: ${clues('acceptor')}`
      : `no habit of the server's tells its stack; taken as ${acceptorImpl}, as the client`,
  );

  const { transport, why } = transportOf(exchange, firstInit);
  note('transport', why);

  // The client's offer: mechTypes in order, and whether its first token rides along.
  const firstRead = firstInit ? readSpnegoToken(firstInit.token) : null;
  const offer = firstRead?.ok && firstRead.value.kind === 'NegTokenInit' ? firstRead.value : null;
  const offered: MechName[] = [];
  for (const oid of offer?.mechTypes ?? []) {
    const m = mechOf(oid);
    if (m && !offered.includes(m)) offered.push(m);
  }
  if (offer?.mechTypes?.includes(OID.negoex)) {
    initiator.negoex = true;
    note('initiator.negoex', 'the client lists NEGOEX (MS-NEGOEX §1.9) among its mechTypes');
  }
  if (!offer && firstInit) {
    const m = firstInit.mech === 'ntlm' ? 'ntlm' : 'kerberos';
    offered.push(m);
  }
  const all: MechName[] = ['kerberos', 'ntlm'];
  initiator.mechs = [...offered, ...all.filter((m) => !offered.includes(m))];
  note(
    'initiator.mechs',
    offer
      ? `the client's NegTokenInit offers ${offered.join(', ') || 'nothing the simulator knows'} in this order (RFC 4178 §4.2.1)`
      : `the client sends a bare ${offered[0]} token`,
  );
  initiator.kerberosTicket = offered.includes('kerberos');
  initiator.ntlmPassword = offered.includes('ntlm') ? 'Passw0rd!' : null;
  note(
    'initiator.kerberosTicket',
    initiator.kerberosTicket
      ? 'Kerberos is offered: the client holds a ticket for the service'
      : 'Kerberos is not offered: the client has no ticket (no TGT, or the KDC refused the service ticket)',
  );
  note(
    'initiator.ntlmPassword',
    initiator.ntlmPassword
      ? 'NTLM is offered: the client knows a password (the simulator uses its own; no secret is read from the exchange)'
      : 'NTLM is not offered: the client has no NTLM credentials',
  );
  if (offer) {
    initiator.optimistic = offer.mechToken !== undefined;
    note(
      'initiator.optimistic',
      offer.mechToken
        ? 'the NegTokenInit carries the first mechanism token (RFC 4178 §3.2 optimistic token)'
        : 'the NegTokenInit carries no mechanism token',
    );
  }

  // Kerberos from the AP-REQ: ticket etype and kvno, the authenticator's (session key) etype,
  // mutual-required; a client AP-REP is DCE style's third leg.
  const apReqStep = fromInit.find(
    (s) => readKrbMessage(innerToken(s) ?? new Uint8Array())?.kind === 'AP-REQ',
  );
  const apReq = apReqStep ? readKrbMessage(innerToken(apReqStep)!) : null;
  if (apReq?.kind === 'AP-REQ') {
    const enc = apReq.value.ticket['enc-part'];
    if (KRB_ETYPES.includes(enc.etype as KrbEtype)) {
      kerberos.etype = enc.etype as KrbEtype;
      note(
        'kerberos.etype',
        `the ticket's enc-part is sealed with etype ${enc.etype} (RFC 4120 §5.3)`,
      );
    } else limits.push(`ticket etype ${enc.etype} is not one the simulator seals with`);
    if (enc.kvno !== undefined) {
      kerberos.kvno = enc.kvno;
      note('kerberos.kvno', `the ticket's enc-part names kvno ${enc.kvno}`);
    }
    const session = apReq.value.authenticator.etype;
    if (session !== enc.etype && KRB_ETYPES.includes(session as KrbEtype)) {
      kerberos.sessionEtype = session as KrbEtype;
      note(
        'kerberos.sessionEtype',
        `the authenticator is sealed with the session key's etype ${session}, not the ticket's`,
      );
    }
    initiator.mutual = (apReq.value['ap-options'] & MUTUAL_REQUIRED) !== 0;
    note(
      'initiator.mutual',
      `ap-options ${initiator.mutual ? 'has' : 'lacks'} mutual-required (RFC 4120 §5.5.1)`,
    );
    const sname = apReq.value.ticket.sname['name-string'];
    if (sname[0]) {
      acceptor.service = sname[0];
      note('acceptor.service', `the ticket's sname is ${sname.join('/')}`);
    }
    if (sname[1]) {
      acceptor.host = sname[1];
      note('acceptor.host', `the ticket's sname names the host ${sname[1]}`);
    }
    realm = apReq.value.ticket.realm;
    note('realm', `the ticket's realm is ${realm}`);
    const facts = authenticatorFacts(apReqStep!);
    if (!facts)
      note(
        'initiator.delegation',
        'left as the default: the Authenticator is encrypted, so its GSS checksum (delegation, channel bindings, request flags) is not read without the service key (RFC 4121 §4.1.1); give a keytab to read it',
      );
    else {
      initiator.delegation = (facts.flags & GSS_C_DELEG_FLAG) !== 0;
      note(
        'initiator.delegation',
        initiator.delegation
          ? `the decrypted Authenticator's GSS checksum has GSS_C_DELEG_FLAG${facts.deleg ? ' and a KRB-CRED' : ''} (RFC 4121 §4.1.1)`
          : "the decrypted Authenticator's GSS checksum has no GSS_C_DELEG_FLAG (an MIT client also drops it silently when its TGT is not forwardable)",
      );
      const asked = GSS_REQUEST_FLAGS.filter((f) => (facts.flags & GSS_FLAG_BITS[f]) !== 0);
      if (asked.length < GSS_REQUEST_FLAGS.length) {
        initiator.requestFlags = asked;
        note(
          'initiator.requestFlags',
          `the GSS checksum's Flags 0x${facts.flags.toString(16)} carry ${asked.join(', ') || 'none'} among the request flags replay, sequence, conf, integ (RFC 4121 §4.1.1.1)`,
        );
      }
      if (facts.bound) {
        kerberos.channelBindings = 'tls-server-end-point';
        note(
          'kerberos.channelBindings',
          "the GSS checksum's Bnd is not zero: the client passed channel bindings (RFC 4121 §4.1.1.2); the MD5 cannot be inverted, so the simulator binds its own certificate hash",
        );
      }
    }
  }
  if (
    fromInit.some(
      (s, i) => i > 0 && readKrbMessage(innerToken(s) ?? new Uint8Array())?.kind === 'AP-REP',
    )
  ) {
    kerberos.dceStyle = true;
    note(
      'kerberos.dceStyle',
      'the client answers the AP-REP with its own AP-REP: DCE style (MS-KILE §3.4.5.1)',
    );
  }

  // The capture's KDC traffic: a TGS exchange refused with KDC_ERR_S_PRINCIPAL_UNKNOWN means the
  // client got no service ticket and left Kerberos out (RFC 4120 §7.5.9, error 7).
  const unknownSpn = exchange.kdc.find((m) => m.errorCode === 7 && !m.sname?.startsWith('krbtgt/'));
  if (unknownSpn && !offered.includes('kerberos')) {
    initiator.kerberosTicket = true;
    kerberos.kdcKnowsService = false;
    initiator.mechs = ['kerberos', ...initiator.mechs.filter((m) => m !== 'kerberos')];
    note(
      'kerberos.kdcKnowsService',
      `the KDC answered the TGS-REQ for ${unknownSpn.sname ?? 'the service'} with KDC_ERR_S_PRINCIPAL_UNKNOWN (frame ${unknownSpn.frame}): the client has a TGT but no service ticket, so it leaves Kerberos out`,
    );
  }

  // The acceptor's answer: which mechanism it chose, or why it refused.
  const krbError = fromAcc
    .map((s) => readKrbMessage(innerToken(s) ?? new Uint8Array()))
    .find((m) => m?.kind === 'KRB-ERROR');
  if (krbError?.kind === 'KRB-ERROR') {
    const v = krbError.value;
    const code = v['error-code'];
    switch (code) {
      case 35: // KRB_AP_ERR_NOT_US
        kerberos.keytab = 'missing';
        note(
          'kerberos.keytab',
          "KRB_AP_ERR_NOT_US (35): the acceptor's keytab holds no key for the ticket's service (RFC 4120 §7.5.9)",
        );
        break;
      case 44: // KRB_AP_ERR_BADKEYVER
        kerberos.keytab = 'old-kvno';
        note(
          'kerberos.keytab',
          'KRB_AP_ERR_BADKEYVER (44): the keytab holds the service key of another kvno',
        );
        break;
      case 31: // KRB_AP_ERR_BAD_INTEGRITY
      case 41: // KRB_AP_ERR_MODIFIED
        kerberos.keytab = 'wrong-key';
        note(
          'kerberos.keytab',
          `error ${code}: the ticket does not decrypt with the acceptor's key of that kvno`,
        );
        break;
      case 37: {
        // KRB_AP_ERR_SKEW: the client's time against the server's, when the error echoes ctime.
        const ctime = v.ctime ? Date.parse(v.ctime) : NaN;
        const stime = Date.parse(v.stime);
        const skew =
          Number.isFinite(ctime) && Number.isFinite(stime)
            ? Math.round((ctime - stime) / 1000)
            : NaN;
        faults.clockSkewSeconds = Number.isFinite(skew) && Math.abs(skew) > 300 ? skew : 600;
        note(
          'faults.clockSkewSeconds',
          `KRB_AP_ERR_SKEW (37): the client's clock is off by more than the acceptor's 300 s${Number.isFinite(skew) ? ` (ctime − stime = ${skew} s)` : ' (the error echoes no ctime; 600 s taken)'}`,
        );
        break;
      }
      case 34: // KRB_AP_ERR_REPEAT
        faults.replay = true;
        note(
          'faults.replay',
          "KRB_AP_ERR_REPEAT (34): the acceptor's replay cache already held the authenticator",
        );
        break;
      default:
        limits.push(`KRB-ERROR ${code} has no simulator setting that produces it`);
    }
  }
  const firstReply = fromAcc.find((s) => s.message === 'NegTokenResp');
  const chosen = firstReply?.supportedMech ? mechOf(firstReply.supportedMech) : null;
  const preferred = offered[0];
  const rejectedAtOnce = firstReply?.negState === 'reject' && !krbError;
  const refused: MechName | null =
    chosen && preferred && chosen !== preferred
      ? preferred
      : rejectedAtOnce
        ? (preferred ?? null)
        : null;
  if (refused === 'kerberos') {
    acceptor.kerberosKey = false;
    note(
      'acceptor.kerberosKey',
      chosen
        ? `the acceptor chose ${chosen} over the client's preferred Kerberos: it holds no Kerberos credentials`
        : 'the acceptor refused the Kerberos-only offer without a KRB-ERROR: it holds no Kerberos credentials',
    );
  } else if (refused === 'ntlm') {
    acceptor.mechs = ['kerberos'];
    note(
      'acceptor.mechs',
      chosen
        ? "the acceptor switched from the client's preferred NTLM to Kerberos: it does not do NTLM"
        : 'the acceptor refused the NTLM offer: it does not do NTLM',
    );
  }

  // NTLM: a refusal after AUTHENTICATE means the server's account database did not match; the
  // response's kind and AV pairs tell NTLM's version and channel bindings.
  const authStep = fromInit.find(
    (s) => readNtlm(innerToken(s) ?? new Uint8Array())?.messageType === 3,
  );
  if (authStep) {
    const auth = readNtlm(innerToken(authStep)!);
    const nt = auth?.messageType === 3 ? auth.ntChallengeResponse : undefined;
    if (auth?.messageType === 3 && (nt?.length ?? 0) === 0 && !auth.userName) {
      ntlm.anonymous = true;
      note(
        'ntlm.anonymous',
        'the AUTHENTICATE has an empty user name and an empty NtChallengeResponse: an anonymous logon (MS-NLMP §3.2.5.1.2)',
      );
    } else if (nt && nt.length === 24) ntlmV1 = true;
    else if (nt && nt.length > 24) {
      const v2 = readNtlmv2Response(nt);
      const pairs = v2.ok ? (v2.value.clientChallenge?.avPairs ?? []) : [];
      const cb = pairs.find((p) => p.id === MSV_AV_CHANNEL_BINDINGS)?.value;
      if (cb instanceof Uint8Array && cb.some((b) => b !== 0)) {
        ntlm.channelBindings = true;
        kerberos.channelBindings = 'tls-server-end-point';
        note(
          'ntlm.channelBindings',
          "the NTLMv2 response's MsvAvChannelBindings is not zero: the client bound a TLS channel (MS-NLMP §2.2.2.1; RFC 5929 tls-server-end-point). Its MD5 cannot be inverted, so the simulator binds its own certificate hash",
        );
      }
    }
    const after = steps.slice(steps.indexOf(authStep) + 1).find((s) => s.from === 'acceptor');
    const failed = after
      ? after.negState === 'reject' || (after.status !== undefined && after.status >= 0xc0000000)
      : false;
    if (failed && ntlm.anonymous) {
      note('ntlm.acceptAnonymous', 'the acceptor refused the anonymous logon');
    } else if (!failed && ntlm.anonymous) {
      ntlm.acceptAnonymous = true;
      note('ntlm.acceptAnonymous', 'the acceptor let the anonymous logon through');
    } else if (failed) {
      acceptor.ntlmPassword = null;
      note(
        'acceptor.ntlmPassword',
        'the acceptor refused the AUTHENTICATE: its account database does not know the user or holds another password',
      );
    }
  }
  const patch: ConfigPatch = {
    profile: initiatorImpl,
    transport,
    ...(realm ? { realm } : {}),
    initiator,
    acceptor,
    ...(Object.keys(kerberos).length ? { kerberos } : {}),
    ...(Object.keys(faults).length ? { faults } : {}),
    ...(Object.keys(ntlm).length ? { ntlm } : {}),
  };
  if (exchange.transport === 'smb2' && !acceptor.service) acceptor.service = 'cifs';
  const time = steps.find((s) => s.time !== undefined)?.time;
  if (time !== undefined) {
    patch.time = new Date(time * 1000).toISOString();
    note('time', "the capture's time of the first message");
  }
  if (ntlmV1) {
    const level = lmLevelFrom(patch, exchange);
    if (level) {
      patch.ntlm = { ...patch.ntlm, lmCompatibilityLevel: level.level };
      note('ntlm.lmCompatibilityLevel', level.why);
    } else
      limits.push(
        'the AUTHENTICATE carries NTLMv1 (a 24-byte NtChallengeResponse, MS-NLMP §3.3.1) that no client LmCompatibilityLevel of the simulator reproduces',
      );
  }
  const flags = requestFlagsFrom(patch, exchange);
  if (flags) {
    initiator.requestFlags = flags.flags;
    note('initiator.requestFlags', flags.why);
  }
  return { config: patch, evidence, limits };
}

/**
 * An NTLMv1 AUTHENTICATE comes from a client LmCompatibilityLevel of 0, 1 or 2 (LM and NTLMv1; the
 * same with extended session security; NTLMv1 only): the level whose simulated NTLM messages
 * (types, flags) and mechListMICs match the real ones best, 2 first on a tie.
 */
function lmLevelFrom(
  patch: ConfigPatch,
  exchange: AnalysedExchange,
): { level: LmCompatibilityLevel; why: string } | null {
  const NTLM_FIELDS = ['ntlmType', 'ntlmFlags', 'mechListMIC'];
  let best: { level: LmCompatibilityLevel; misses: number } | null = null;
  for (const level of [2, 1, 0] as const) {
    let sim;
    try {
      sim = simulate({ ...patch, ntlm: { ...patch.ntlm, lmCompatibilityLevel: level } });
    } catch {
      return null;
    }
    const misses = compareRuns(exchange, sim).filter(
      (d) => d.field === 'message' || NTLM_FIELDS.includes(d.field),
    ).length;
    if (!best || misses < best.misses) best = { level, misses };
  }
  if (!best) return null;
  const words = {
    0: 'LM and NTLMv1 responses without extended session security',
    1: 'NTLMv1 with extended session security when negotiated, LM otherwise',
    2: 'NTLMv1 responses only (extended session security when negotiated)',
  } as const;
  return {
    level: best.level,
    why: `the AUTHENTICATE carries a 24-byte NtChallengeResponse (NTLMv1, MS-NLMP §3.3.1); LmCompatibilityLevel ${best.level}, ${words[best.level as 0 | 1 | 2]}, gives ${best.misses === 0 ? 'the same NTLM flags and messages' : `the closest NTLM messages (${best.misses} differences)`} (gss-ntlmssp src/gss_ntlmssp.c, gssntlm_required_security())`,
  };
}

/**
 * The GSS request flags show in the NTLM NEGOTIATE's flags (MS-NLMP §2.2.2.5: SIGN, SEAL,
 * ALWAYS_SIGN follow what the application asked, as each stack maps them): the set whose
 * simulated NEGOTIATE carries the real flags. Kerberos hides them in the encrypted
 * Authenticator, so only NTLM tells.
 */
function requestFlagsFrom(
  patch: ConfigPatch,
  exchange: AnalysedExchange,
): { flags: GssRequestFlag[]; why: string } | null {
  const real = exchange.steps
    .filter((s) => s.from === 'initiator')
    .map((s) => readNtlm(innerToken(s) ?? new Uint8Array()))
    .find((m) => m?.messageType === 1);
  if (!real) return null;
  // All four first: it is what the simulator assumes when the list is absent.
  const subsets: GssRequestFlag[][] = [];
  for (let mask = 15; mask >= 0; mask--)
    subsets.push(GSS_REQUEST_FLAGS.filter((_, i) => (mask >> i) & 1));
  subsets.sort((a, b) => (a.length === 4 ? -1 : b.length === 4 ? 1 : a.length - b.length));
  const matching: GssRequestFlag[][] = [];
  for (const flags of subsets) {
    let sim;
    try {
      sim = simulate({ ...patch, initiator: { ...patch.initiator, requestFlags: flags } });
    } catch {
      return null;
    }
    const first = sim.steps
      .filter((s) => s.from === 'initiator')
      .map((s) => {
        const bytes = fromBase64(s.token);
        const read = readSpnegoToken(bytes);
        const inner = read.ok
          ? read.value.kind === 'NegTokenInit'
            ? read.value.mechToken
            : read.value.kind === 'NegTokenResp'
              ? read.value.responseToken
              : undefined
          : bytes;
        return inner ? readNtlm(inner) : null;
      })
      .find((m) => m?.messageType === 1);
    if (first && first.flags === real.flags) {
      if (flags.length === GSS_REQUEST_FLAGS.length) return null;
      matching.push(flags);
    }
  }
  if (matching.length === 0) return null;
  const [flags, ...others] = matching;
  const said = (f: GssRequestFlag[]) => (f.length ? f.join(', ') : 'none of them');
  const hex = `0x${(real.flags >>> 0).toString(16).padStart(8, '0')}`;
  return {
    flags,
    why: `the NTLM NEGOTIATE's flags ${hex} are those the ${patch.initiator?.implementation} client sends when the application asks for ${said(flags)} of replay, sequence, conf, integ (MS-NLMP §2.2.2.5)${others.length ? `; ${others.map(said).join(' or ')} would give the same flags, so the fewest is taken` : ''}`,
  };
}
