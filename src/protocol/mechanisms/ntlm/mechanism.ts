import {
  encodeAuthenticate,
  encodeChallenge,
  encodeNegotiate,
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
  MSV_AV_DNS_COMPUTER_NAME,
  MSV_AV_DNS_DOMAIN_NAME,
  MSV_AV_FLAGS,
  MSV_AV_FLAG_MIC,
  MSV_AV_NB_COMPUTER_NAME,
  MSV_AV_NB_DOMAIN_NAME,
  MSV_AV_TARGET_NAME,
  MSV_AV_TIMESTAMP,
  NTLM_NEGOTIATE_OEM,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_SIGN,
  NTLMSSP_NEGOTIATE_SEAL,
  NTLMSSP_NEGOTIATE_ALWAYS_SIGN,
  NTLMSSP_NEGOTIATE_TARGET_INFO,
  NTLMSSP_TARGET_TYPE_DOMAIN,
  type AuthenticateMessage,
  type AvPair,
  type ChallengeMessage,
  type NegotiateMessage,
} from '../../../codec/ntlm';
import { MSV_AV_SINGLE_HOST, MSV_CHANNEL_BINDINGS } from '../../../data/ntlm';
import {
  clientExportedSessionKey,
  computeMic,
  computeNtlmv2Response,
  computeNtProofStr,
  createDirectionState,
  kxkey,
  ntlmv2SessionBaseKey,
  ntowfv2,
  serverExportedSessionKey,
  sign,
  verify,
} from '../../../crypto';
import { requests, type SimConfig } from '../../config';
import { sideProfile, type NtlmProfile } from '../../profiles';
import { deterministicBytes } from '../../random';
import type { Role, Rule } from '../../types';
import type { MechState, MechStep, Mechanism, MicCheck, MicResult } from '../mechanism';
import { equalBytes, toHex } from '../../../bytes';

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

const rule = (by: Role, text: string, spec?: string): Rule => ({ by, text, spec });

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
  let flags = own.negotiateFlags;
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
  const source = sideProfile(config, 'initiator').sources.negotiateFlags;
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

export const ntlm: Mechanism<NtlmData> = {
  name: 'ntlm',
  title: 'NTLM',

  hasCredentials(config, role) {
    return role === 'initiator' ? config.initiator.ntlmPassword !== null : true;
  },

  initiate(config) {
    const own = habits(config, 'initiator');
    const message: NegotiateMessage = {
      flags: requestedFlags(own, config),
      ...(own.version ? { version: own.version } : {}),
    };
    const negotiate = encodeNegotiate(message);
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
    const { serverChallenge } = received;
    // Samba answers with only the flags it asked for itself that the server granted
    // (ntlmssp_handle_neg_flags()); the others copy the CHALLENGE's.
    const asked = previous.data.negotiate?.message.flags ?? received.flags;
    const flags =
      own.authenticateFlags === 'challenge' ? received.flags : (received.flags & asked) >>> 0;
    const serverInfo = received.targetInfo ?? [];
    const timestamp = serverInfo.find((p) => p.id === MSV_AV_TIMESTAMP)?.value;
    const user = config.initiator.user;
    const domain = config.ntlmDomain;
    const spn = `${config.acceptor.service}/${config.acceptor.host}`;
    // The client's AV list: the server's, plus MsvAvFlags "MIC present" and the SPN it targets (MS-NLMP §3.1.5.1.2).
    // Samba (and Windows 7+) also send MsvAvSingleHost and an all-zero MsvAvChannelBindings when
    // there are none (Samba ntlmssp_client_challenge()).
    // Without SPNEGO to carry the mechListMIC a MIC demands, gss-ntlmssp leaves the MIC out.
    const bare = config.transport === 'bare' || config.transport === 'http-ntlm';
    const withMic = !bare || own.micWithoutSpnego;
    const avFlags = ((avFlagsOf(serverInfo) ?? 0) | (withMic ? MSV_AV_FLAG_MIC : 0)) >>> 0;
    const clientInfo: AvPair[] = [
      ...serverInfo.filter((p) => p.id !== MSV_AV_FLAGS),
      { id: MSV_AV_FLAGS, value: avFlags },
      ...(own.singleHostAndBindings
        ? [
            { id: MSV_AV_SINGLE_HOST, value: singleHost(config) },
            { id: MSV_CHANNEL_BINDINGS, value: new Uint8Array(16) },
          ]
        : []),
      { id: MSV_AV_TARGET_NAME, value: spn },
    ];
    const responseKeyNT = ntowfv2(config.initiator.ntlmPassword ?? '', user, domain);
    const clientChallenge = deterministicBytes(config.seed, 'ntlm-client-challenge', 8);
    // temp, the NTLMv2_CLIENT_CHALLENGE the response proves (MS-NLMP §2.2.2.7, §3.3.2).
    const temp = encodeNtlmv2ClientChallenge({
      timeStamp: typeof timestamp === 'bigint' ? timestamp : filetimeFromIso(config.time),
      challengeFromClient: clientChallenge,
      avPairs: clientInfo,
    });
    const response = computeNtlmv2Response({
      responseKeyNT,
      serverChallenge,
      clientChallenge,
      temp,
    });
    const keyExchangeKey = kxkey({ version: 2, sessionBaseKey: response.sessionBaseKey });
    const keys = clientExportedSessionKey(
      flags,
      keyExchangeKey,
      deterministicBytes(config.seed, 'ntlm-random-session-key', 16),
    );
    // With MsvAvTimestamp the LMv2 response is replaced by Z(24) (MS-NLMP §3.1.5.1.2); gss-ntlmssp sends none.
    const lmChallengeResponse = own.lmResponse === 'none' ? undefined : new Uint8Array(24);
    const fields: AuthenticateMessage = {
      flags,
      lmChallengeResponse,
      ntChallengeResponse: response.ntChallengeResponse,
      domainName: domain,
      userName: user,
      workstation: netbios(config.initiator.host),
      encryptedRandomSessionKey: keys.encryptedRandomSessionKey,
      ...(own.version ? { version: own.version } : {}),
      ...(withMic ? { mic: new Uint8Array(16) } : {}),
    };
    const message = encodeAuthenticate(fields);
    const mic = withMic
      ? computeMic({
          exportedSessionKey: keys.exportedSessionKey,
          negotiate: previous.data.negotiate?.bytes,
          challenge,
          authenticate: message.bytes,
          micOffset: message.micOffset!,
        })
      : undefined;
    const authenticate = mic ? setMic(message, mic) : message.bytes;
    return {
      state: state(
        'initiator',
        'ESTABLISHED',
        {
          ...previous.data,
          challenge: { message: received, bytes: challenge },
          authenticate: { message: { ...fields, mic }, bytes: authenticate },
          flags,
          exportedSessionKey: keys.exportedSessionKey,
          seqOut: 0,
          seqIn: 0,
          mic: withMic,
        },
        {
          'NTLM password': 'yes',
          'NTLM step': 'AUTHENTICATE sent',
          ServerChallenge: toHex(serverChallenge),
          NTProofStr: toHex(response.ntProofStr),
          ExportedSessionKey: `${toHex(keys.exportedSessionKey).slice(0, 16)}…`,
          'NTLM MIC': withMic ? 'sent' : 'none',
        },
      ),
      status: 'complete',
      token: authenticate,
      rules: [
        rule(
          'initiator',
          `computes the NTLMv2 response from ${user}'s password: NTOWFv2 = HMAC-MD5(MD4(password), UPPER(user) + domain), NTProofStr = HMAC-MD5(NTOWFv2, ServerChallenge + client blob) = ${toHex(response.ntProofStr).slice(0, 16)}…`,
          'MS-NLMP §3.3.2',
        ),
        rule(
          'initiator',
          'picks a random session key and sends it encrypted with RC4 under the key-exchange key (EncryptedRandomSessionKey)',
          'MS-NLMP §3.1.5.1.2',
        ),
        withMic
          ? rule(
              'initiator',
              'sets MsvAvFlags bit 0x2 and puts a MIC = HMAC-MD5(ExportedSessionKey, NEGOTIATE + CHALLENGE + AUTHENTICATE) in the message, protecting all three NTLM messages',
              'MS-NLMP §3.1.5.1.2',
            )
          : rule(
              'initiator',
              'puts no MIC in the message (MsvAvFlags without bit 0x2): with no SPNEGO around NTLM, gss-ntlmssp leaves it out, so nothing protects the three NTLM messages as a whole',
              sideProfile(config, 'initiator').sources.micWithoutSpnego,
            ),
      ],
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
      const flags =
        ((read.value.flags & ~NTLM_NEGOTIATE_OEM) |
          NTLMSSP_NEGOTIATE_TARGET_INFO |
          NTLMSSP_TARGET_TYPE_DOMAIN) >>>
        0;
      const serverChallenge = deterministicBytes(config.seed, 'ntlm-server-challenge', 8);
      const host = config.acceptor.host;
      // Windows' order (observed from Windows Server); MsvAvFlags only when non-zero (gss-ntlmssp
      // src/gss_sec_ctx.c, gssntlm_accept_sec_context(): "don't include empty MsvAvFlags").
      const own = habits(config, 'acceptor');
      const names: AvPair[] = [
        { id: MSV_AV_NB_DOMAIN_NAME, value: config.ntlmDomain },
        { id: MSV_AV_NB_COMPUTER_NAME, value: netbios(host) },
        { id: MSV_AV_DNS_DOMAIN_NAME, value: config.realm.toLowerCase() },
        { id: MSV_AV_DNS_COMPUTER_NAME, value: host },
      ];
      // Heimdal writes the server's name before the domain's (heim_ntlm_encode_targetinfo()).
      if (own.targetInfoOrder === 'heimdal') [names[0], names[1]] = [names[1], names[0]];
      const targetInfo: AvPair[] = [
        ...names,
        { id: MSV_AV_TIMESTAMP, value: filetimeFromIso(config.time) },
      ];
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
    const domain = received.domainName ?? '';
    const user = received.userName ?? '';
    const encryptedKey = received.encryptedRandomSessionKey;
    const password = config.acceptor.ntlmPassword;
    const rules: Rule[] = [];
    if (password === null)
      return failed(
        previous,
        'acceptor',
        `user ${domain}\\${user} is unknown (STATUS_NO_SUCH_USER)`,
        [rule('acceptor', `has no account for ${domain}\\${user}`, 'MS-NLMP §3.2.5.1.2')],
      );
    if (nt.length <= 24)
      return failed(previous, 'acceptor', 'NTLMv1 responses are refused', [
        rule(
          'acceptor',
          'the NtChallengeResponse is NTLMv1 (24 bytes), which this server refuses',
          'MS-NLMP §3.3.1',
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
    const challenge = previous.data.challenge!;
    const serverChallenge = challenge.message.serverChallenge;
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
    return {
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
        },
        {
          ...previous.holdings,
          'NTLM step': 'authenticated',
          user: `${domain}\\${user}`,
          ExportedSessionKey: `${toHex(exportedSessionKey).slice(0, 16)}…`,
          'NTLM MIC': hasMic ? 'verified' : 'absent',
        },
      ),
      status: 'complete',
      rules,
    };
  },

  offersIntegrity(s) {
    return s.name === 'ESTABLISHED' && (s.data.flags & NTLMSSP_NEGOTIATE_SIGN) !== 0;
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
