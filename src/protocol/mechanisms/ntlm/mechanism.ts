import {
  encodeAuthenticate,
  encodeChallenge,
  encodeNtlmv2ClientChallenge,
  encodeSignature,
  hasFlag,
  readNtlmSignature,
  filetimeFromIso,
  micOffsetOf,
  readAuthenticate,
  readChallenge,
  readNegotiate,
  readNtlmv2Response,
  setMic,
  avFlagsOf,
  MSV_AV_FLAG_MIC,
  MSV_AV_TARGET_NAME,
  MSV_AV_TIMESTAMP,
  NTLM_NEGOTIATE_OEM,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_SIGN,
  NTLMSSP_NEGOTIATE_SEAL,
  NTLMSSP_NEGOTIATE_ALWAYS_SIGN,
  NTLMSSP_NEGOTIATE_TARGET_INFO,
  NTLMSSP_NEGOTIATE_ANONYMOUS,
  NTLMSSP_NEGOTIATE_LM_KEY,
  NTLMSSP_TARGET_TYPE_DOMAIN,
  type AuthenticateMessage,
  type AvPair,
  type ChallengeMessage,
  type NegotiateMessage,
} from '../../../codec/ntlm';
import {
  MSV_CHANNEL_BINDINGS,
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
  NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
} from '../../../data/ntlm';
import {
  clientExportedSessionKey,
  computeMic,
  computeNtlmv1Response,
  computeNtlmv2Response,
  computeNtProofStr,
  createDirectionState,
  kxkey,
  ntlmv2SessionBaseKey,
  rc4,
  ntowfv1,
  ntowfv2,
  serverExportedSessionKey,
  usesKeyExchange,
  sign,
  verify,
} from '../../../crypto';
import { requests, type SimConfig } from '../../config';
import { sideProfile, type NtlmProfile } from '../../profiles';
import { deterministicBytes } from '../../random';
import type { Role, Rule } from '../../types';
import type { MechState, MechStep, Mechanism, MicCheck, MicResult } from '../mechanism';
import {
  acceptorBindingsHash,
  clientBindingsHash,
  clientV1,
  expectedV1,
  isLmResponse,
  levelAllows,
  levelNegotiateFlags,
  ntlmSettings,
  RESPONSE_WORDS,
  v1KeyExchangeKey,
  type NtlmResponseKind,
} from './versions';
import { equalBytes, toHex } from '../../../bytes';
import {
  authenticateLayout,
  blobTrailer,
  clientAvPairs,
  negotiateBytes,
  serverTargetInfo,
} from './wire';

/** A message as this side sent or received it: the typed value and its exact bytes (the MIC covers the bytes). */
export interface NtlmMessageSeen<M> {
  message: M;
  bytes: Uint8Array;
}

/**
 * What one side of an NTLM context holds: the messages exchanged so far, and once established
 * the negotiated flags, the exported session key and each direction's sequence number
 * [MS-NLMP §3.1.1, §3.2.1].
 */
export interface NtlmData {
  negotiate?: NtlmMessageSeen<NegotiateMessage>;
  challenge?: NtlmMessageSeen<ChallengeMessage>;
  authenticate?: NtlmMessageSeen<AuthenticateMessage>;
  /** NegotiateFlags in force: the NEGOTIATE's until the CHALLENGE answers. */
  flags: number;
  exportedSessionKey?: Uint8Array;
  /** Next SeqNum this side signs with, and the next it expects from the peer. */
  seqOut: number;
  seqIn: number;
  /** The AUTHENTICATE carried a MIC, which makes the mechListMIC mandatory (MS-SPNG App. A <8>). */
  mic: boolean;
  /** Which responses the AUTHENTICATE carried, once sent or received. */
  response?: NtlmResponseKind;
}

const START: NtlmData = { flags: 0, seqOut: 0, seqIn: 0, mic: false };

/**
 * NTLM (MS-NLMP) for real: NEGOTIATE → CHALLENGE → AUTHENTICATE with NTLMv2, the MIC over all
 * three messages, key exchange, and message signatures used as the SPNEGO mechListMIC.
 */

/** The NTLM habits of the implementation this side behaves as (flags, Version, AV pairs: profiles.ts). */
function habits(config: SimConfig, role: Role): NtlmProfile {
  return sideProfile(config, role).ntlm;
}

const rule = (by: Role, text: string, spec?: string, difference?: string): Rule => ({
  by,
  text,
  spec,
  ...(difference && { difference }),
});

/** Single_Host_Data (MS-NLMP §2.2.2.2): Size 48, Z4, CustomData, a 32-byte MachineID of this host. */
function singleHost(config: SimConfig): Uint8Array {
  const out = new Uint8Array(48);
  out[0] = 48;
  out.set(deterministicBytes(config.seed, 'ntlm-machine-id', 32), 16);
  return out;
}

/**
 * The NEGOTIATE flags after the application's GSS request flags: SEAL only when confidentiality
 * was asked (gss-ntlmssp gssntlm_init_sec_context(); curl asks none, so its NEGOTIATE is
 * 0xe2088217); Heimdal also drops SIGN for ALWAYS_SIGN without integrity.
 */
function requestedFlags(own: NtlmProfile, config: SimConfig): number {
  // Heimdal has no LmCompatibilityLevel: its NEGOTIATE flags are fixed.
  let flags = levelNegotiateFlags(
    own.negotiateFlags,
    own.responses === 'heimdal' ? 3 : ntlmSettings(config).level,
    config.initiator.ntlmPassword ?? '',
  );
  if (own.requestFlags === 'fixed') return flags;
  if (!requests(config, 'conf')) flags &= ~NTLMSSP_NEGOTIATE_SEAL;
  if (own.requestFlags === 'heimdal' && !requests(config, 'integ'))
    flags = (flags & ~NTLMSSP_NEGOTIATE_SIGN) | NTLMSSP_NEGOTIATE_ALWAYS_SIGN;
  return flags >>> 0;
}

/** The flags a learner cares about, in words. */
function flagWords(flags: number): string {
  const words: [number, string][] = [
    [0x1, 'Unicode'],
    [0x10, 'signing'],
    [0x20, 'sealing'],
    [NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, 'extended session security'],
    [0x20000000, '128-bit keys'],
    [0x40000000, 'key exchange'],
  ];
  return words
    .filter(([bit]) => (flags & bit) !== 0)
    .map(([, word]) => word)
    .join(', ');
}

function negotiateSource(config: SimConfig): string {
  const source = sideProfile(config, 'initiator').ntlm.sources.negotiateFlags;
  return source ? `; ${source}` : '';
}

function netbios(host: string): string {
  return host.split('.')[0].toUpperCase();
}

function state(
  role: Role,
  name: string,
  data: NtlmData,
  holdings: MechState<NtlmData>['holdings'],
): MechState<NtlmData> {
  return { mech: 'ntlm', role, name, data, holdings };
}

function failed(
  previous: MechState<NtlmData> | null,
  role: Role,
  error: string,
  rules: Rule[],
): MechStep<NtlmData> {
  const base = previous ?? state(role, 'START', START, {});
  return {
    state: { ...base, name: 'FAILED', holdings: { ...base.holdings, error } },
    status: 'failed',
    error,
    rules,
  };
}

type Done = (
  exportedSessionKey: Uint8Array,
  hasMic: boolean,
  response: NtlmResponseKind,
) => MechStep<NtlmData>;

/**
 * The acceptor's check of MsvAvChannelBindings and MsvAvTargetName in an NTLMv2 blob, as a
 * server with Extended Protection for Authentication does (MS-NLMP §3.2.5.1.2; IIS
 * extendedProtection tokenChecking None / Allow / Require): `allow` compares what the client
 * sent, `require` also refuses a client that sent none. All-zero bindings mean none.
 */
function extendedProtection(
  settings: ReturnType<typeof ntlmSettings>,
  avPairs: AvPair[],
  config: SimConfig,
): { rules: Rule[]; error?: string } {
  if (settings.extendedProtection === 'none') return { rules: [] };
  const sent = avPairs.find((p) => p.id === MSV_CHANNEL_BINDINGS)?.value;
  const bindings = sent instanceof Uint8Array && sent.some((b) => b !== 0) ? sent : undefined;
  const own = acceptorBindingsHash(config);
  const spec = 'MS-NLMP §2.2.2.1, §3.2.5.1.2';
  const rules: Rule[] = [];
  if (bindings || settings.extendedProtection === 'require') {
    if (!own || !bindings || !equalBytes(own, bindings)) {
      const why = !bindings
        ? 'the client sent no channel bindings, and this server requires them'
        : !own
          ? 'the client bound its logon to a TLS channel, but this server has no channel bindings of its own to compare (its TLS ends elsewhere)'
          : `the client's MsvAvChannelBindings ${toHex(bindings).slice(0, 16)}… differ from MD5 of this server's own bindings ${toHex(own).slice(0, 16)}…: the client's TLS channel is not this server's (a relay or a TLS-terminating proxy)`;
      return {
        rules: [
          rule(
            'acceptor',
            `${why}: Extended Protection refuses the logon (SEC_E_BAD_BINDINGS)`,
            spec,
          ),
        ],
        error: 'channel bindings do not match (SEC_E_BAD_BINDINGS)',
      };
    }
    rules.push(
      rule(
        'acceptor',
        "MsvAvChannelBindings equal MD5 of this server's own channel bindings: the logon was made over this very TLS channel",
        spec,
      ),
    );
  }
  const target = avPairs.find((p) => p.id === MSV_AV_TARGET_NAME)?.value;
  if (typeof target === 'string' && target !== '') {
    if (target.toLowerCase() !== settings.ownSpn.toLowerCase())
      return {
        rules: [
          ...rules,
          rule(
            'acceptor',
            `MsvAvTargetName ${target} is not this server's name ${settings.ownSpn}: the client meant another server, so the logon is being relayed, and Extended Protection refuses it`,
            spec,
          ),
        ],
        error: `MsvAvTargetName ${target} names another service (STATUS_LOGON_FAILURE)`,
      };
    rules.push(rule('acceptor', `MsvAvTargetName ${target} names this server`, spec));
  }
  return { rules };
}

/** The acceptor's side of an NTLMv1 AUTHENTICATE: its own policy, the response, the keys. */
function acceptV1(
  previous: MechState<NtlmData>,
  config: SimConfig,
  rules: Rule[],
  done: Done,
): MechStep<NtlmData> {
  const received = previous.data.authenticate!.message;
  const settings = ntlmSettings(config);
  const password = config.acceptor.ntlmPassword ?? '';
  const flags = received.flags;
  const lm = received.lmChallengeResponse ?? new Uint8Array(0);
  const nt = received.ntChallengeResponse ?? new Uint8Array(0);
  const serverChallenge = previous.data.challenge!.message.serverChallenge;
  const ess = hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY);
  const words = ess ? 'NTLMv1 with extended session security' : 'NTLMv1';
  // A domain controller at LmCompatibilityLevel 5 refuses LM and NTLMv1 (gss-ntlmssp
  // src/gss_ntlmssp.c, gssntlm_required_security(): SEC_DC_V2_OK only).
  if (settings.acceptorLevel >= 5)
    return failed(previous, 'acceptor', `${words} refused by policy (STATUS_LOGON_FAILURE)`, [
      rule(
        'acceptor',
        `the NtChallengeResponse is ${words} (24 bytes); this server's domain controller runs LmCompatibilityLevel ${settings.acceptorLevel} and accepts NTLMv2 only, so the logon fails`,
        'MS-NLMP §3.3.1; gss-ntlmssp src/gss_ntlmssp.c, gssntlm_required_security()',
      ),
    ]);
  if (settings.extendedProtection === 'require')
    return failed(previous, 'acceptor', 'channel bindings missing (SEC_E_BAD_BINDINGS)', [
      rule(
        'acceptor',
        `an ${words} response has no NTLMv2 blob, so no MsvAvChannelBindings: a server requiring Extended Protection refuses it`,
        'MS-NLMP §3.2.5.1.2',
      ),
    ]);
  const expected = expectedV1(password, flags, serverChallenge, lm);
  if (!equalBytes(expected, nt))
    return failed(
      previous,
      'acceptor',
      `the ${words} response does not match: wrong password (STATUS_LOGON_FAILURE)`,
      [
        rule(
          'acceptor',
          `recomputes the ${words} response from the password it holds: ${toHex(expected).slice(0, 16)}… differs from the client's ${toHex(nt.subarray(0, 8))}…`,
          'MS-NLMP §3.2.5.1.2, §3.3.1',
        ),
      ],
    );
  const withLm = !ess && isLmResponse(password, serverChallenge, lm);
  rules.push(
    rule(
      'acceptor',
      `recomputes the ${words} response ${ess ? 'DESL(MD4(password), MD5(ServerChallenge + ClientChallenge)[0..7])' : 'DESL(MD4(password), ServerChallenge)'}: it matches${withLm ? (settings.acceptorLevel >= 4 ? '; the LM response is ignored (LmCompatibilityLevel 4 refuses LM)' : '; the LM response verifies too') : ''}. No NTLMv2 blob: no timestamp, no target name, no channel bindings to check`,
      'MS-NLMP §3.3.1',
    ),
  );
  const sessionBaseKey = computeNtlmv1Response({
    responseKeyNT: ntowfv1(password),
    serverChallenge,
    extendedSessionSecurity: false,
    noLmResponse: true,
  }).sessionBaseKey;
  const encrypted = received.encryptedRandomSessionKey?.length
    ? received.encryptedRandomSessionKey
    : undefined;
  // Heimdal's acceptor (its KDC's digest service, kdc/digest.c) unwraps the client's key under
  // MD4(NTOWFv1) with ESS too, as its client wraps it; MS-NLMP §3.4.5.1 mixes in both challenges.
  const own = habits(config, 'acceptor');
  const peer = habits(config, 'initiator');
  const specKey = v1KeyExchangeKey(flags, sessionBaseKey, serverChallenge, lm, password);
  const exportedSessionKey =
    own.responses === 'heimdal'
      ? encrypted
        ? rc4(sessionBaseKey, encrypted)
        : sessionBaseKey
      : serverExportedSessionKey(flags, specKey, encrypted);
  const mismatch =
    (own.responses === 'heimdal') !== (peer.responses === 'heimdal') &&
    (!equalBytes(specKey, sessionBaseKey) || !usesKeyExchange(flags));
  if (mismatch)
    rules.push(
      rule(
        'acceptor',
        own.responses === 'heimdal'
          ? "unwraps the session key under MD4(NTOWFv1), as Heimdal does, but this client followed MS-NLMP's key-exchange key: the two sides now hold different session keys, so a mechListMIC, signature or seal will not verify"
          : "unwraps the session key with MS-NLMP's key-exchange key, but the Heimdal client wrapped it under MD4(NTOWFv1): the two sides now hold different session keys, so a mechListMIC, signature or seal will not verify — the authentication itself succeeded",
        'MS-NLMP §3.4.5.1; Heimdal lib/ntlm/ntlm.c, heim_ntlm_build_ntlm1_master(); Heimdal lib/gssapi/ntlm/accept_sec_context.c, _gss_ntlm_accept_sec_context()',
        'ntlm-responses',
      ),
    );
  return done(exportedSessionKey, false, ess ? 'ntlmv1-ess' : withLm ? 'lm' : 'ntlmv1');
}

export const ntlm: Mechanism<NtlmData> = {
  name: 'ntlm',
  title: 'NTLM',

  hasCredentials(config, role) {
    return role === 'initiator'
      ? config.initiator.ntlmPassword !== null || ntlmSettings(config).anonymous
      : true;
  },

  initiate(config) {
    const own = habits(config, 'initiator');
    const { message, bytes: negotiate } = negotiateBytes(
      own.layout,
      {
        flags: requestedFlags(own, config),
        ...(own.version ? { version: own.version } : {}),
      },
      config.acceptor.host,
    );
    return {
      state: state(
        'initiator',
        'NEGOTIATE_SENT',
        { ...START, flags: message.flags, negotiate: { message, bytes: negotiate } },
        {
          'NTLM password': 'yes',
          'NTLM step': 'NEGOTIATE sent',
        },
      ),
      status: 'continue',
      token: negotiate,
      rules: [
        rule(
          'initiator',
          `NTLM starts with a NEGOTIATE_MESSAGE announcing what the client supports: ${flagWords(message.flags)} (NegotiateFlags 0x${message.flags.toString(16).padStart(8, '0')}, ${sideProfile(config, 'initiator').title}'s set)${own.version ? `, Version ${own.version.major}.${own.version.minor}.${own.version.build}` : ', no Version'}`,
          `MS-NLMP §2.2.1.1${negotiateSource(config)}`,
          negotiateSource(config) ? 'ntlm-negotiate-flags' : undefined,
        ),
      ],
    };
  },

  initiatorContinue(previous, challenge, config) {
    const read = readChallenge(challenge);
    if (!read.ok)
      return failed(previous, 'initiator', 'expected an NTLM CHALLENGE_MESSAGE', [
        rule(
          'initiator',
          `the reply is not a CHALLENGE_MESSAGE: ${read.error}`,
          'MS-NLMP §2.2.1.2',
        ),
      ]);
    const received = read.value;
    const own = habits(config, 'initiator');
    const settings = ntlmSettings(config);
    const { serverChallenge } = received;
    // Samba answers with only the flags it asked for itself that the server granted
    // (ntlmssp_handle_neg_flags()); the others copy the CHALLENGE's.
    const asked = previous.data.negotiate?.message.flags ?? received.flags;
    const granted =
      own.authenticateFlags === 'challenge' ? received.flags : (received.flags & asked) >>> 0;
    // An anonymous AUTHENTICATE says so with bit J (Samba NTLMSSP_ANONYMOUS; MS-NLMP §2.2.2.5).
    const flags = settings.anonymous ? (granted | NTLMSSP_NEGOTIATE_ANONYMOUS) >>> 0 : granted;
    // Heimdal 7.8 never reaches its NTLMv2 code: "if (1 || type2.targetinfo.length == 0)"
    // (_gss_ntlm_init_sec_context()) sends NTLMv1 whatever the CHALLENGE holds.
    const heimdal = own.responses === 'heimdal';
    const kind: 'anonymous' | 'v1' | 'v2' = settings.anonymous
      ? 'anonymous'
      : !heimdal && levelAllows(settings.level).v2
        ? 'v2'
        : 'v1';
    const password = config.initiator.ntlmPassword ?? '';
    const user = kind === 'anonymous' ? '' : config.initiator.user;
    // Heimdal names the domain the CHALLENGE's TargetName names (type3.targetname = type2.targetname).
    const domain =
      kind === 'anonymous' ? '' : heimdal ? (received.targetName ?? '') : config.ntlmDomain;
    const clientChallenge = deterministicBytes(config.seed, 'ntlm-client-challenge', 8);
    const randomSessionKey = deterministicBytes(config.seed, 'ntlm-random-session-key', 16);
    // Without SPNEGO to carry the mechListMIC a MIC demands, gss-ntlmssp leaves the MIC out; and
    // only an NTLMv2 blob has the MsvAvFlags that announce one (MS-NLMP §2.2.2.1).
    const bare = config.transport === 'bare' || config.transport === 'http-ntlm';
    // A MIC only when the server sent a timestamp (MS-NLMP §3.1.5.1.2; gss-ntlmssp
    // ntlm_process_target_info(); Samba ntlmssp_client_challenge()); every simulated server sends one.
    const serverTime = (received.targetInfo ?? []).some((p) => p.id === MSV_AV_TIMESTAMP);
    const withMic = kind === 'v2' && (!bare || own.micWithoutSpnego) && serverTime;
    const rules: Rule[] = [];
    let ntChallengeResponse: Uint8Array;
    let lmChallengeResponse: Uint8Array | undefined;
    let exportedSessionKey: Uint8Array;
    let encryptedRandomSessionKey: Uint8Array | undefined;
    let response: NtlmResponseKind;
    const holdings: MechState<NtlmData>['holdings'] = {};
    if (kind === 'v2') {
      const serverInfo = received.targetInfo ?? [];
      const timestamp = serverInfo.find((p) => p.id === MSV_AV_TIMESTAMP)?.value;
      const bindings = clientBindingsHash(config);
      // The client's AV list: the server's names and timestamp, MsvAvFlags "MIC present", the SPN
      // it targets (MS-NLMP §3.1.5.1.2), channel bindings — each implementation in its own order
      // (gss-ntlmssp rebuilds the list, Samba and Windows echo the server's; wire.ts).
      const avFlags = ((avFlagsOf(serverInfo) ?? 0) | (withMic ? MSV_AV_FLAG_MIC : 0)) >>> 0;
      const clientInfo: AvPair[] = clientAvPairs(own.clientTargetInfo, serverInfo, {
        avFlags,
        targetName: settings.targetName,
        bindings,
        ...(own.singleHostAndBindings ? { singleHost: singleHost(config) } : {}),
      });
      const responseKeyNT = ntowfv2(password, user, domain);
      // temp, the NTLMv2_CLIENT_CHALLENGE the response proves (MS-NLMP §2.2.2.7, §3.3.2).
      const temp = encodeNtlmv2ClientChallenge({
        timeStamp: typeof timestamp === 'bigint' ? timestamp : filetimeFromIso(config.time),
        challengeFromClient: clientChallenge,
        avPairs: clientInfo,
        ...(blobTrailer(own.layout) ? { trailer: blobTrailer(own.layout) } : {}),
      });
      const v2 = computeNtlmv2Response({ responseKeyNT, serverChallenge, clientChallenge, temp });
      const keys = clientExportedSessionKey(
        flags,
        kxkey({ version: 2, sessionBaseKey: v2.sessionBaseKey }),
        randomSessionKey,
      );
      ntChallengeResponse = v2.ntChallengeResponse;
      // With MsvAvTimestamp the LMv2 response is replaced by Z(24), without it LMv2 is sent
      // (MS-NLMP §3.1.5.1.2); gss-ntlmssp sends none.
      lmChallengeResponse =
        own.lmResponse === 'none'
          ? undefined
          : serverTime
            ? new Uint8Array(24)
            : v2.lmChallengeResponse;
      exportedSessionKey = keys.exportedSessionKey;
      encryptedRandomSessionKey = keys.encryptedRandomSessionKey;
      response = 'ntlmv2';
      holdings.NTProofStr = toHex(v2.ntProofStr);
      rules.push(
        rule(
          'initiator',
          `computes the NTLMv2 response from ${user}'s password: NTOWFv2 = HMAC-MD5(MD4(password), UPPER(user) + domain), NTProofStr = HMAC-MD5(NTOWFv2, ServerChallenge + client blob) = ${toHex(v2.ntProofStr).slice(0, 16)}…`,
          'MS-NLMP §3.3.2',
        ),
      );
      if (bindings)
        rules.push(
          rule(
            'initiator',
            `puts MsvAvChannelBindings = MD5(gss_channel_bindings_struct) = ${toHex(bindings).slice(0, 16)}… in the NTLMv2 blob, binding the logon to the TLS channel it saw, and MsvAvTargetName ${settings.targetName}`,
            'MS-NLMP §2.2.2.1, §3.1.5.1.2; RFC 5929 §4',
          ),
        );
    } else if (kind === 'v1') {
      // Heimdal has no LmCompatibilityLevel: its NTLMv1 never carries an LM response.
      const level = heimdal ? 3 : settings.level;
      const v1 = clientV1(password, level, flags, serverChallenge, clientChallenge);
      // Heimdal wraps a random session key under MD4(NTOWFv1) always, ESS or not, KEY_EXCH with
      // SIGN/SEAL or not (heim_ntlm_build_ntlm1_master()), and sends no LM response without ESS.
      const keys = heimdal
        ? {
            exportedSessionKey: randomSessionKey,
            encryptedRandomSessionKey: rc4(v1.response.sessionBaseKey, randomSessionKey),
          }
        : clientExportedSessionKey(flags, v1.keyExchangeKey, randomSessionKey);
      ntChallengeResponse = v1.response.ntChallengeResponse;
      lmChallengeResponse =
        heimdal && v1.kind !== 'ntlmv1-ess' ? undefined : v1.response.lmChallengeResponse;
      exportedSessionKey = keys.exportedSessionKey;
      encryptedRandomSessionKey = keys.encryptedRandomSessionKey;
      response = v1.kind;
      if (heimdal) {
        const ess = v1.kind === 'ntlmv1-ess';
        const kx = v1KeyExchangeKey(
          flags,
          v1.response.sessionBaseKey,
          serverChallenge,
          v1.response.lmChallengeResponse,
          password,
        );
        rules.push(
          rule(
            'initiator',
            `Heimdal's NTLM client always answers with NTLMv1, whatever the CHALLENGE offers (its NTLMv2 branch is dead code): ${ess ? 'the server granted extended session security, so it sends the "NTLM2 session response", NtChallengeResponse = DESL(MD4(password), MD5(ServerChallenge + ClientChallenge)[0..7]) and LmChallengeResponse = ClientChallenge + Z(16)' : 'without extended session security, NtChallengeResponse = DESL(MD4(password), ServerChallenge) and no LM response'}; DomainName is the CHALLENGE's TargetName and Workstation the word "workstation"`,
            sideProfile(config, 'initiator').ntlm.sources.responses,
            'ntlm-responses',
          ),
          rule(
            'initiator',
            `wraps its random session key with RC4 under MD4(NTOWFv1), the NTLMv1 session base key${ess || !equalBytes(kx, v1.response.sessionBaseKey) ? `, although MS-NLMP's key-exchange key for these flags is ${ess ? 'HMAC-MD5(MD4(NTOWFv1), ServerChallenge + ClientChallenge)' : 'another'}: a server that follows MS-NLMP unwraps a different session key, so signatures and sealing will not match` : ''}${usesKeyExchange(flags) ? '' : ' — and does so even without SIGN or SEAL, where MS-NLMP exchanges no key (Q-NTLM-03)'}`,
            'Heimdal lib/ntlm/ntlm.c, heim_ntlm_build_ntlm1_master(); MS-NLMP §3.4.5.1',
            'ntlm-responses',
          ),
        );
      } else
        rules.push(
          rule(
            'initiator',
            v1.kind === 'ntlmv1-ess'
              ? `LmCompatibilityLevel ${settings.level} and extended session security negotiated: sends the NTLMv1 "NTLM2 session response", NtChallengeResponse = DESL(MD4(password), MD5(ServerChallenge + ClientChallenge)[0..7]) and LmChallengeResponse = ClientChallenge + Z(16) (24 bytes each, no NTLMv2 blob, so no AV pairs, no channel bindings, no MIC)`
              : v1.kind === 'lm'
                ? `LmCompatibilityLevel ${settings.level}: sends both old responses, NtChallengeResponse = DESL(MD4(password), ServerChallenge) and the LM response DESL(LMOWFv1, ServerChallenge) from the upper-cased, 14-character DES hash of the password — crackable in minutes`
                : `LmCompatibilityLevel ${settings.level}: sends NTLMv1, NtChallengeResponse = DESL(MD4(password), ServerChallenge), and a copy of it as the LM response (no LM hash is sent)`,
            'MS-NLMP §3.3.1; gss-ntlmssp src/gss_ntlmssp.c, gssntlm_required_security()',
          ),
          rule(
            'initiator',
            `derives the key-exchange key for NTLMv1 (KXKEY${hasFlag(flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) ? ': HMAC-MD5(MD4(NTOWFv1), ServerChallenge + LmChallengeResponse[0..7])' : hasFlag(flags, NTLMSSP_NEGOTIATE_LM_KEY) ? ' with LM_KEY: DES of the LM response under the LM hash' : ': the session base key MD4(NTOWFv1) itself'})`,
            'MS-NLMP §3.4.5.1',
          ),
        );
    } else {
      // Anonymous: User and Passwd empty, NtChallengeResponse empty, LmChallengeResponse Z(1);
      // the session base key is all zero and there is no session security (MS-NLMP §3.1.5.1.2, §3.3.1).
      ntChallengeResponse = new Uint8Array(0);
      lmChallengeResponse = new Uint8Array(1);
      exportedSessionKey = new Uint8Array(16);
      encryptedRandomSessionKey = undefined;
      response = 'anonymous';
      rules.push(
        rule(
          'initiator',
          'logs on anonymously: empty user and domain, an empty NtChallengeResponse and a one-byte zero LmChallengeResponse, flag NTLMSSP_NEGOTIATE_ANONYMOUS; nothing proves any password and no session key exists',
          'MS-NLMP §3.1.5.1.2, §3.3.1',
        ),
      );
    }
    const fields: AuthenticateMessage = {
      flags,
      lmChallengeResponse,
      ntChallengeResponse,
      domainName: domain,
      userName: user,
      // Heimdal sends the literal "workstation" (type3.ws in _gss_ntlm_init_sec_context()).
      workstation: heimdal ? 'workstation' : netbios(config.initiator.host),
      encryptedRandomSessionKey,
      ...(own.version ? { version: own.version } : {}),
      ...(withMic ? { mic: new Uint8Array(16) } : {}),
    };
    const layout = authenticateLayout(own.layout, fields);
    if (layout) fields.layout = layout;
    const message = encodeAuthenticate(fields);
    const mic = withMic
      ? computeMic({
          exportedSessionKey,
          negotiate: previous.data.negotiate?.bytes,
          challenge,
          authenticate: message.bytes,
          micOffset: message.micOffset!,
        })
      : undefined;
    const authenticate = mic ? setMic(message, mic) : message.bytes;
    if (encryptedRandomSessionKey && !heimdal)
      rules.push(
        rule(
          'initiator',
          'picks a random session key and sends it encrypted with RC4 under the key-exchange key (EncryptedRandomSessionKey)',
          'MS-NLMP §3.1.5.1.2',
        ),
      );
    rules.push(
      withMic
        ? rule(
            'initiator',
            'sets MsvAvFlags bit 0x2 and puts a MIC = HMAC-MD5(ExportedSessionKey, NEGOTIATE + CHALLENGE + AUTHENTICATE) in the message, protecting all three NTLM messages',
            'MS-NLMP §3.1.5.1.2',
          )
        : kind === 'v2'
          ? rule(
              'initiator',
              'puts no MIC in the message (MsvAvFlags without bit 0x2): with no SPNEGO around NTLM, gss-ntlmssp leaves it out, so nothing protects the three NTLM messages as a whole',
              sideProfile(config, 'initiator').ntlm.sources.micWithoutSpnego,
              'ntlm-mic-without-spnego',
            )
          : rule(
              'initiator',
              `puts no MIC in the message: without an NTLMv2 blob there is no MsvAvFlags to announce one, so nothing makes the SPNEGO mechListMIC mandatory either`,
              'MS-NLMP §2.2.1.3, §3.1.5.1.2; gss-ntlmssp src/gss_sec_ctx.c, gssntlm_init_sec_context()',
              'ntlm-mic-without-spnego',
            ),
    );
    return {
      state: state(
        'initiator',
        'ESTABLISHED',
        {
          ...previous.data,
          challenge: { message: received, bytes: challenge },
          authenticate: { message: { ...fields, mic }, bytes: authenticate },
          flags,
          exportedSessionKey,
          seqOut: 0,
          seqIn: 0,
          mic: withMic,
          response,
        },
        {
          'NTLM password': kind === 'anonymous' ? 'none (anonymous)' : 'yes',
          'NTLM step': 'AUTHENTICATE sent',
          'NTLM response': RESPONSE_WORDS[response],
          ServerChallenge: toHex(serverChallenge),
          ...holdings,
          ExportedSessionKey: `${toHex(exportedSessionKey).slice(0, 16)}…`,
          'NTLM MIC': withMic ? 'sent' : 'none',
        },
      ),
      status: 'complete',
      token: authenticate,
      rules,
    };
  },
  accept(previous, token, config) {
    if (!previous) {
      const read = readNegotiate(token);
      if (!read.ok)
        return failed(null, 'acceptor', 'expected an NTLM NEGOTIATE_MESSAGE', [
          rule(
            'acceptor',
            `the token is not a NEGOTIATE_MESSAGE: ${read.error}`,
            'MS-NLMP §2.2.1.1',
          ),
        ]);
      // Asked for both, extended session security alone is granted (MS-NLMP §2.2.2.5, flag D).
      const asked = read.value.flags;
      const lmKey = hasFlag(asked, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)
        ? NTLMSSP_NEGOTIATE_LM_KEY
        : 0;
      // OEM_DOMAIN_SUPPLIED and OEM_WORKSTATION_SUPPLIED describe the NEGOTIATE's own fields
      // (MS-NLMP §2.2.2.5, flags K and L): not echoed (gss-ntlmssp keeps only its own flags).
      const flags =
        ((asked &
          ~NTLM_NEGOTIATE_OEM &
          ~lmKey &
          ~NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED &
          ~NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED) |
          NTLMSSP_NEGOTIATE_TARGET_INFO |
          NTLMSSP_TARGET_TYPE_DOMAIN) >>>
        0;
      const serverChallenge = deterministicBytes(config.seed, 'ntlm-server-challenge', 8);
      const host = config.acceptor.host;
      // Each implementation's TargetInfo: names, MsvAvFlags (gss-ntlmssp 1.2), timestamp (wire.ts).
      const own = habits(config, 'acceptor');
      const targetInfo = serverTargetInfo(own.targetInfoOrder, {
        nbDomain: config.ntlmDomain,
        nbComputer: netbios(host),
        dnsDomain: config.realm.toLowerCase(),
        dnsComputer: host,
        timestamp: filetimeFromIso(config.time),
      });
      const message: ChallengeMessage = {
        flags,
        serverChallenge,
        targetName: config.ntlmDomain,
        targetInfo,
        ...(own.version ? { version: own.version } : {}),
      };
      const challenge = encodeChallenge(message);
      return {
        state: state(
          'acceptor',
          'CHALLENGE_SENT',
          {
            ...START,
            negotiate: { message: read.value, bytes: token },
            challenge: { message, bytes: challenge },
            flags,
          },
          {
            'NTLM step': 'CHALLENGE sent',
            ServerChallenge: toHex(serverChallenge),
            "knows the user's password": config.acceptor.ntlmPassword !== null,
          },
        ),
        status: 'continue',
        token: challenge,
        rules: [
          rule(
            'acceptor',
            `answers with a CHALLENGE_MESSAGE: an 8-byte ServerChallenge ${toHex(serverChallenge)}, the flags both sides will use, and TargetInfo (domain, computer names, timestamp)`,
            'MS-NLMP §2.2.1.2, §3.2.5.1.1',
          ),
        ],
      };
    }
    const read = readAuthenticate(token);
    if (!read.ok)
      return failed(previous, 'acceptor', 'expected an NTLM AUTHENTICATE_MESSAGE', [
        rule(
          'acceptor',
          `the token is not an AUTHENTICATE_MESSAGE: ${read.error}`,
          'MS-NLMP §2.2.1.3',
        ),
      ]);
    const received = read.value;
    const flags = received.flags;
    const nt = received.ntChallengeResponse ?? new Uint8Array(0);
    const lm = received.lmChallengeResponse ?? new Uint8Array(0);
    const domain = received.domainName ?? '';
    const user = received.userName ?? '';
    const encryptedKey = received.encryptedRandomSessionKey;
    const password = config.acceptor.ntlmPassword;
    const settings = ntlmSettings(config);
    const challenge = previous.data.challenge!;
    const serverChallenge = challenge.message.serverChallenge;
    const rules: Rule[] = [];
    const done = (
      exportedSessionKey: Uint8Array,
      hasMic: boolean,
      response: NtlmResponseKind,
    ): MechStep<NtlmData> => ({
      state: state(
        'acceptor',
        'ESTABLISHED',
        {
          ...previous.data,
          authenticate: { message: received, bytes: token },
          flags,
          exportedSessionKey,
          seqOut: 0,
          seqIn: 0,
          mic: hasMic,
          response,
        },
        {
          ...previous.holdings,
          'NTLM step': 'authenticated',
          'NTLM response': RESPONSE_WORDS[response],
          user: response === 'anonymous' ? 'ANONYMOUS LOGON' : `${domain}\\${user}`,
          ExportedSessionKey: `${toHex(exportedSessionKey).slice(0, 16)}…`,
          'NTLM MIC': hasMic ? 'verified' : 'absent',
        },
      ),
      status: 'complete',
      rules,
    });
    // Anonymous: no user, an empty NT response and Z(1) or nothing as LM response (MS-NLMP §3.2.5.1.2).
    if (nt.length === 0 && user === '' && lm.length <= 1 && lm.every((b) => b === 0)) {
      if (!settings.acceptAnonymous)
        return failed(previous, 'acceptor', 'anonymous logon refused (STATUS_ACCESS_DENIED)', [
          rule(
            'acceptor',
            'the AUTHENTICATE is anonymous (no user, empty responses) and this server lets no anonymous logon through (Windows: RestrictAnonymous; IIS: anonymous authentication off)',
            'MS-NLMP §3.2.5.1.2',
          ),
        ]);
      rules.push(
        rule(
          'acceptor',
          'accepts the anonymous logon as ANONYMOUS LOGON: nothing was proved, the session key is all zero and there is no session security, so no mechListMIC can be made',
          'MS-NLMP §3.2.5.1.2, §3.3.1',
        ),
      );
      return done(new Uint8Array(16), false, 'anonymous');
    }
    if (password === null)
      return failed(
        previous,
        'acceptor',
        `user ${domain}\\${user} is unknown (STATUS_NO_SUCH_USER)`,
        [rule('acceptor', `has no account for ${domain}\\${user}`, 'MS-NLMP §3.2.5.1.2')],
      );
    if (nt.length === 24)
      return acceptV1(
        {
          ...previous,
          data: { ...previous.data, authenticate: { message: received, bytes: token } },
        },
        config,
        rules,
        done,
      );
    if (nt.length < 24)
      return failed(previous, 'acceptor', 'the NtChallengeResponse is neither NTLMv1 nor NTLMv2', [
        rule(
          'acceptor',
          `an NtChallengeResponse of ${nt.length} bytes is neither an NTLMv1 response (24 bytes) nor an NTLMv2_RESPONSE`,
          'MS-NLMP §2.2.2.6, §2.2.2.8',
        ),
      ]);
    const v2 = readNtlmv2Response(nt);
    if (!v2.ok)
      return failed(previous, 'acceptor', 'the NTLMv2 response does not decode', [
        rule(
          'acceptor',
          `the NtChallengeResponse is not an NTLMv2_RESPONSE: ${v2.error}`,
          'MS-NLMP §2.2.2.8',
        ),
      ]);
    const { ntProofStr, clientChallenge } = v2.value;
    const responseKeyNT = ntowfv2(password, user, domain);
    // temp as the client sent it: the blob's fields, encoded back by the codec that read them.
    const temp = encodeNtlmv2ClientChallenge(clientChallenge);
    const expected = computeNtProofStr(responseKeyNT, serverChallenge, temp);
    if (!equalBytes(expected, ntProofStr)) {
      return failed(
        previous,
        'acceptor',
        'NTProofStr does not match: wrong password (STATUS_LOGON_FAILURE)',
        [
          rule(
            'acceptor',
            `recomputes NTProofStr from the password it holds for ${user}: ${toHex(expected).slice(0, 16)}… differs from the client's ${toHex(ntProofStr.subarray(0, 8))}…, so the password was wrong`,
            'MS-NLMP §3.2.5.1.2, §3.3.2',
          ),
        ],
      );
    }
    rules.push(
      rule(
        'acceptor',
        `recomputes NTProofStr from ${user}'s password and the client blob: it matches, the client knows the password`,
        'MS-NLMP §3.3.2',
      ),
    );
    const protection = extendedProtection(settings, clientChallenge.avPairs, config);
    rules.push(...protection.rules);
    if (protection.error) return failed(previous, 'acceptor', protection.error, rules);
    const sessionBaseKey = ntlmv2SessionBaseKey(responseKeyNT, expected);
    const exportedSessionKey = serverExportedSessionKey(
      flags,
      kxkey({ version: 2, sessionBaseKey }),
      encryptedKey?.length ? encryptedKey : undefined,
    );
    const hasMic = ((avFlagsOf(clientChallenge.avPairs) ?? 0) & MSV_AV_FLAG_MIC) !== 0;
    const micOffset = micOffsetOf(received);
    if (hasMic) {
      const mic =
        micOffset === undefined
          ? undefined
          : computeMic({
              exportedSessionKey,
              negotiate: previous.data.negotiate?.bytes,
              challenge: challenge.bytes,
              authenticate: token,
              micOffset,
            });
      if (!mic || !received.mic || !equalBytes(mic, received.mic)) {
        return failed(previous, 'acceptor', 'the AUTHENTICATE MIC does not verify', [
          ...rules,
          rule(
            'acceptor',
            'the MIC over the three NTLM messages does not match: a message was altered',
            'MS-NLMP §3.2.5.1.2',
          ),
        ]);
      }
      rules.push(
        rule(
          'acceptor',
          'verifies the MIC over NEGOTIATE + CHALLENGE + AUTHENTICATE with the exported session key',
          'MS-NLMP §3.2.5.1.2',
        ),
      );
    }
    return done(exportedSessionKey, hasMic, 'ntlmv2');
  },

  offersIntegrity(s) {
    // An anonymous context has no session key, so no session security (MS-NLMP §3.3.1).
    return (
      s.name === 'ESTABLISHED' &&
      (s.data.flags & NTLMSSP_NEGOTIATE_SIGN) !== 0 &&
      s.data.response !== 'anonymous'
    );
  },

  requiresMechListMic(s) {
    return s.data.mic;
  },

  getMic(s, message): MicResult<NtlmData> {
    const sender = s.role === 'initiator' ? 'client' : 'server';
    const key = s.data.exportedSessionKey;
    if (!key) throw new Error('NTLM context not established');
    const direction = createDirectionState(s.data.flags, key, sender);
    direction.seqNum = s.data.seqOut;
    // The RC4 handle is rewound after the mechListMIC (MS-SPNG §3.2.5.1), so a fresh handle is
    // exactly the state it is computed with; only the sequence number moves on.
    const mic = encodeSignature(sign(direction, message));
    return {
      state: {
        ...s,
        data: { ...s.data, seqOut: direction.seqNum },
        holdings: { ...s.holdings, mechListMIC: 'sent' },
      },
      mic,
      rules: [
        rule(
          s.role,
          `signs DER(MechTypeList) with its NTLM ${sender} signing key: an NTLMSSP_MESSAGE_SIGNATURE (version 1, HMAC-MD5 checksum sealed with RC4, SeqNum ${s.data.seqOut}), then rewinds the RC4 handle`,
          'MS-NLMP §3.4.4.2; MS-SPNG §3.2.5.1',
        ),
      ],
    };
  },

  verifyMic(s, message, mic): MicCheck<NtlmData> {
    const peer = s.role === 'initiator' ? 'server' : 'client';
    const key = s.data.exportedSessionKey;
    if (!key) throw new Error('NTLM context not established');
    const direction = createDirectionState(s.data.flags, key, peer);
    direction.seqNum = s.data.seqIn;
    // The peer's signature read by the codec, in the layout the negotiated flags select.
    const received = readNtlmSignature(mic, {
      extendedSessionSecurity: hasFlag(s.data.flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY),
    });
    const ok = received.ok && verify(direction, message, received.value);
    return {
      state: {
        ...s,
        data: { ...s.data, seqIn: direction.seqNum },
        holdings: { ...s.holdings, 'peer mechListMIC': ok ? 'verified' : 'MISMATCH' },
      },
      ok,
      rules: [
        rule(
          s.role,
          `checks the peer's mechListMIC with the ${peer} signing key: ${ok ? 'it matches' : 'it does NOT match'}`,
          'MS-NLMP §3.4.4.2; RFC 4178 §5',
        ),
      ],
    };
  },
};
