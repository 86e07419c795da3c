import {
  encodeAuthenticate,
  encodeAvPairs,
  encodeChallenge,
  encodeNegotiate,
  filetimeFromIso,
  setMic,
  MSV_AV_DNS_COMPUTER_NAME,
  MSV_AV_DNS_DOMAIN_NAME,
  MSV_AV_FLAGS,
  MSV_AV_FLAG_MIC,
  MSV_AV_NB_COMPUTER_NAME,
  MSV_AV_NB_DOMAIN_NAME,
  MSV_AV_TARGET_NAME,
  MSV_AV_TIMESTAMP,
  NTLM_NEGOTIATE_OEM,
  NTLMSSP_NEGOTIATE_SIGN,
  NTLMSSP_NEGOTIATE_TARGET_INFO,
  NTLMSSP_NEGOTIATE_UNICODE,
  NTLMSSP_TARGET_TYPE_DOMAIN,
  type AvPair,
  type NtlmVersion,
} from '../../../codec/ntlm';
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
import type { SimConfig } from '../../config';
import { deterministicBytes } from '../../random';
import type { Role, Rule } from '../../types';
import type { MechState, MechStep, Mechanism, MicCheck, MicResult } from '../mechanism';

/** The mechanism's private data (typed in the one-model-of-the-wire rework). */
type NtlmData = Record<string, unknown>;
import { avPairs, messageType, payload, u32, utf16 } from './read';
import { equalBytes, fromHex, toHex } from '../../../bytes';

/**
 * NTLM (MS-NLMP) for real: NEGOTIATE → CHALLENGE → AUTHENTICATE with NTLMv2, the MIC over all
 * three messages, key exchange, and message signatures used as the SPNEGO mechListMIC.
 */

/** What gss-ntlmssp 1.2 sends (observed; its defaults are NTLMSSP_DEFAULT_CLIENT_FLAGS in src/gss_ntlmssp.h): UNICODE, OEM, REQUEST_TARGET, SIGN, SEAL, NTLM, ALWAYS_SIGN, ESS, VERSION, 128, KEY_EXCH, 56. */
const NEGOTIATE_FLAGS = 0xe2088237;
const VERSIONS: Record<SimConfig['profile'], NtlmVersion> = {
  windows: { major: 10, minor: 0, build: 17763, revision: 15 },
  mit: { major: 6, minor: 2, build: 0, revision: 15 },
  rfc4178: { major: 6, minor: 2, build: 0, revision: 15 },
};

const rule = (by: Role, text: string, spec?: string): Rule => ({ by, text, spec });

function netbios(host: string): string {
  return host.split('.')[0].toUpperCase();
}

function state(
  role: Role,
  name: string,
  data: Record<string, unknown>,
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
  const base = previous ?? state(role, 'START', {}, {});
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
    const negotiate = encodeNegotiate({
      flags: NEGOTIATE_FLAGS,
      version: VERSIONS[config.profile],
    });
    return {
      state: state(
        'initiator',
        'NEGOTIATE_SENT',
        { negotiate: toHex(negotiate) },
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
          'NTLM starts with a NEGOTIATE_MESSAGE announcing what the client supports: Unicode, signing and sealing, extended session security, 128-bit keys, key exchange',
          'MS-NLMP §2.2.1.1',
        ),
      ],
    };
  },

  initiatorContinue(previous, challenge, config) {
    if (messageType(challenge) !== 2)
      return failed(previous, 'initiator', 'expected an NTLM CHALLENGE_MESSAGE', [
        rule('initiator', 'the reply is not a CHALLENGE_MESSAGE', 'MS-NLMP §2.2.1.2'),
      ]);
    const flags = u32(challenge, 20);
    const serverChallenge = challenge.slice(24, 32);
    const serverInfo = avPairs(payload(challenge, 40));
    const timestamp = serverInfo.find((p) => p.id === MSV_AV_TIMESTAMP)?.value;
    const user = config.initiator.user;
    const domain = config.ntlmDomain;
    const spn = `${config.acceptor.service}/${config.acceptor.host}`;
    // The client's AV list: the server's, plus MsvAvFlags "MIC present" and the SPN it targets (MS-NLMP §3.1.5.1.2).
    const clientInfo: AvPair[] = [
      ...serverInfo.filter((p) => p.id !== MSV_AV_FLAGS).map((p) => ({ id: p.id, value: p.value })),
      { id: MSV_AV_FLAGS, value: (readFlags(serverInfo) | MSV_AV_FLAG_MIC) >>> 0 },
      { id: MSV_AV_TARGET_NAME, value: spn },
    ];
    const responseKeyNT = ntowfv2(config.initiator.ntlmPassword ?? '', user, domain);
    const clientChallenge = deterministicBytes(config.seed, 'ntlm-client-challenge', 8);
    const response = computeNtlmv2Response({
      responseKeyNT,
      serverChallenge,
      clientChallenge,
      timestamp: timestamp ?? filetimeFromIso(config.time),
      targetInfo: encodeAvPairs(clientInfo),
    });
    const keyExchangeKey = kxkey({ version: 2, sessionBaseKey: response.sessionBaseKey });
    const keys = clientExportedSessionKey(
      flags,
      keyExchangeKey,
      deterministicBytes(config.seed, 'ntlm-random-session-key', 16),
    );
    // With MsvAvTimestamp the LMv2 response is replaced by Z(24) (MS-NLMP §3.1.5.1.2); gss-ntlmssp sends none.
    const lmChallengeResponse = config.profile === 'mit' ? undefined : new Uint8Array(24);
    const message = encodeAuthenticate({
      flags,
      lmChallengeResponse,
      ntChallengeResponse: response.ntChallengeResponse,
      domainName: domain,
      userName: user,
      workstation: netbios(config.initiator.host),
      encryptedRandomSessionKey: keys.encryptedRandomSessionKey,
      version: VERSIONS[config.profile],
      mic: new Uint8Array(16),
    });
    const negotiate = fromHex(previous.data.negotiate as string);
    const mic = computeMic({
      exportedSessionKey: keys.exportedSessionKey,
      negotiate,
      challenge,
      authenticate: message.bytes,
      micOffset: message.micOffset!,
    });
    const authenticate = setMic(message, mic);
    return {
      state: state(
        'initiator',
        'ESTABLISHED',
        {
          ...previous.data,
          challenge: toHex(challenge),
          flags,
          exportedSessionKey: toHex(keys.exportedSessionKey),
          seqOut: 0,
          seqIn: 0,
          mic: true,
        },
        {
          'NTLM password': 'yes',
          'NTLM step': 'AUTHENTICATE sent',
          ServerChallenge: toHex(serverChallenge),
          NTProofStr: toHex(response.ntProofStr),
          ExportedSessionKey: `${toHex(keys.exportedSessionKey).slice(0, 16)}…`,
          'NTLM MIC': 'sent',
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
        rule(
          'initiator',
          'sets MsvAvFlags bit 0x2 and puts a MIC = HMAC-MD5(ExportedSessionKey, NEGOTIATE + CHALLENGE + AUTHENTICATE) in the message, protecting all three NTLM messages',
          'MS-NLMP §3.1.5.1.2',
        ),
      ],
    };
  },

  accept(previous, token, config) {
    const type = messageType(token);
    if (!previous) {
      if (type !== 1)
        return failed(null, 'acceptor', 'expected an NTLM NEGOTIATE_MESSAGE', [
          rule('acceptor', 'the token is not a NEGOTIATE_MESSAGE', 'MS-NLMP §2.2.1.1'),
        ]);
      const flags =
        ((u32(token, 12) & ~NTLM_NEGOTIATE_OEM) |
          NTLMSSP_NEGOTIATE_TARGET_INFO |
          NTLMSSP_TARGET_TYPE_DOMAIN) >>>
        0;
      const serverChallenge = deterministicBytes(config.seed, 'ntlm-server-challenge', 8);
      const host = config.acceptor.host;
      // Windows' order (observed from Windows Server); MsvAvFlags only when non-zero (gss-ntlmssp
      // src/gss_sec_ctx.c, gssntlm_accept_sec_context(): "don't include empty MsvAvFlags").
      const targetInfo: AvPair[] = [
        { id: MSV_AV_NB_DOMAIN_NAME, value: config.ntlmDomain },
        { id: MSV_AV_NB_COMPUTER_NAME, value: netbios(host) },
        { id: MSV_AV_DNS_DOMAIN_NAME, value: config.realm.toLowerCase() },
        { id: MSV_AV_DNS_COMPUTER_NAME, value: host },
        { id: MSV_AV_TIMESTAMP, value: filetimeFromIso(config.time) },
      ];
      const challenge = encodeChallenge({
        flags,
        serverChallenge,
        targetName: config.ntlmDomain,
        targetInfo,
        version: VERSIONS[config.profile],
      });
      return {
        state: state(
          'acceptor',
          'CHALLENGE_SENT',
          { negotiate: toHex(token), challenge: toHex(challenge), flags },
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
    if (type !== 3)
      return failed(previous, 'acceptor', 'expected an NTLM AUTHENTICATE_MESSAGE', [
        rule('acceptor', 'the token is not an AUTHENTICATE_MESSAGE', 'MS-NLMP §2.2.1.3'),
      ]);
    const flags = u32(token, 60);
    const unicode = (flags & NTLMSSP_NEGOTIATE_UNICODE) !== 0;
    const text = (b: Uint8Array) => (unicode ? utf16(b) : String.fromCharCode(...b));
    const nt = payload(token, 20);
    const domain = text(payload(token, 28));
    const user = text(payload(token, 36));
    const encryptedKey = payload(token, 52);
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
    const challenge = fromHex(previous.data.challenge as string);
    const serverChallenge = challenge.slice(24, 32);
    const responseKeyNT = ntowfv2(password, user, domain);
    const expected = computeNtProofStr(responseKeyNT, serverChallenge, nt.slice(16));
    if (!equalBytes(expected, nt.slice(0, 16))) {
      return failed(
        previous,
        'acceptor',
        'NTProofStr does not match: wrong password (STATUS_LOGON_FAILURE)',
        [
          rule(
            'acceptor',
            `recomputes NTProofStr from the password it holds for ${user}: ${toHex(expected).slice(0, 16)}… differs from the client's ${toHex(nt.slice(0, 8))}…, so the password was wrong`,
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
      encryptedKey.length ? encryptedKey : undefined,
    );
    const blobInfo = avPairs(nt.slice(16 + 28));
    const hasMic = (readFlags(blobInfo) & MSV_AV_FLAG_MIC) !== 0;
    if (hasMic) {
      const micOffset = 72;
      const mic = computeMic({
        exportedSessionKey,
        negotiate: fromHex(previous.data.negotiate as string),
        challenge,
        authenticate: token,
        micOffset,
      });
      if (!equalBytes(mic, token.slice(micOffset, micOffset + 16))) {
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
          flags,
          exportedSessionKey: toHex(exportedSessionKey),
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
    return s.name === 'ESTABLISHED' && ((s.data.flags as number) & NTLMSSP_NEGOTIATE_SIGN) !== 0;
  },

  requiresMechListMic(s) {
    return s.data.mic === true;
  },

  getMic(s, message): MicResult<NtlmData> {
    const sender = s.role === 'initiator' ? 'client' : 'server';
    const direction = createDirectionState(
      s.data.flags as number,
      fromHex(s.data.exportedSessionKey as string),
      sender,
    );
    direction.seqNum = s.data.seqOut as number;
    // The RC4 handle is rewound after the mechListMIC (MS-SPNG §3.2.5.1), so a fresh handle is
    // exactly the state it is computed with; only the sequence number moves on.
    const mic = sign(direction, message);
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
          `signs DER(MechTypeList) with its NTLM ${sender} signing key: an NTLMSSP_MESSAGE_SIGNATURE (version 1, HMAC-MD5 checksum sealed with RC4, SeqNum ${s.data.seqOut as number}), then rewinds the RC4 handle`,
          'MS-NLMP §3.4.4.2; MS-SPNG §3.2.5.1',
        ),
      ],
    };
  },

  verifyMic(s, message, mic): MicCheck<NtlmData> {
    const peer = s.role === 'initiator' ? 'server' : 'client';
    const direction = createDirectionState(
      s.data.flags as number,
      fromHex(s.data.exportedSessionKey as string),
      peer,
    );
    direction.seqNum = s.data.seqIn as number;
    const ok = verify(direction, message, mic);
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

function readFlags(pairs: { id: number; value: Uint8Array }[]): number {
  const v = pairs.find((p) => p.id === MSV_AV_FLAGS)?.value;
  return v && v.length >= 4 ? u32(v, 0) : 0;
}
