import {
  NTLM_AUTHENTICATE_MESSAGE_TYPE,
  NTLM_CHALLENGE_MESSAGE_TYPE,
  NTLM_NEGOTIATE_MESSAGE_TYPE,
  NTLMSSP_NEGOTIATE_UNICODE,
  NTLMSSP_SIGNATURE,
} from '../../data/ntlm';
import { encodeAvPairs, type AvPair } from './encode-av';
import { layoutMessage, type LayoutItem, type PayloadLayout } from './writer';
import { encodeLatin1, encodeUtf16le, requireLength, writeU16LE, writeU32LE } from '../../bytes';

/**
 * Byte-exact NTLM message builders [MS-NLMP §2.2.1]. They write what they are given — flags are
 * not adjusted to match the fields — so a simulator can also produce unusual messages. Strings
 * given as text are encoded per the message's UNICODE flag (NEGOTIATE: always OEM); bytes are
 * written as they are (e.g. a name with a trailing NUL).
 *
 * Payload order defaults to what Windows sends: NEGOTIATE DomainName, Workstation; CHALLENGE
 * TargetName, TargetInfo (pyspnego's Windows captures); AUTHENTICATE DomainName, UserName,
 * Workstation, LmChallengeResponse, NtChallengeResponse, EncryptedRandomSessionKey (MS-NLMP §4.2
 * and sspi-rs's Windows captures). gss-ntlmssp and Samba put the two responses first — pass
 * `layout.order` (see GSS_NTLMSSP_AUTHENTICATE_ORDER).
 */

export type NtlmText = string | Uint8Array;

/** VERSION [MS-NLMP §2.2.2.10]; Reserved is written as zero. */
export interface NtlmVersion {
  major: number;
  minor: number;
  build: number;
  /** NTLMRevisionCurrent, 15 for NTLMSSP_REVISION_W2K3. */
  revision: number;
}

export type NegotiatePayloadField = 'DomainName' | 'Workstation';
export type ChallengePayloadField = 'TargetName' | 'TargetInfo';
export type AuthenticatePayloadField =
  | 'LmChallengeResponse'
  | 'NtChallengeResponse'
  | 'DomainName'
  | 'UserName'
  | 'Workstation'
  | 'EncryptedRandomSessionKey';

export interface NegotiateFields {
  flags: number;
  /** OEM; the caller sets NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED when it supplies one. */
  domainName?: NtlmText;
  workstation?: NtlmText;
  /** Omitted: no Version field, 32-byte fixed part. */
  version?: NtlmVersion | Uint8Array;
  layout?: PayloadLayout<NegotiatePayloadField>;
}

export interface ChallengeFields {
  flags: number;
  serverChallenge: Uint8Array;
  targetName?: NtlmText;
  /** AV pairs (MsvAvEOL added if missing) or an already encoded list. */
  targetInfo?: readonly AvPair[] | Uint8Array;
  /** 8 bytes; zero when omitted. */
  reserved?: Uint8Array;
  version?: NtlmVersion | Uint8Array;
  layout?: PayloadLayout<ChallengePayloadField>;
}

export interface AuthenticateFields {
  flags: number;
  lmChallengeResponse?: Uint8Array;
  ntChallengeResponse?: Uint8Array;
  domainName?: NtlmText;
  userName?: NtlmText;
  workstation?: NtlmText;
  encryptedRandomSessionKey?: Uint8Array;
  version?: NtlmVersion | Uint8Array;
  /**
   * 16 bytes when the message carries a MIC. Build with zeros, compute the MIC over the result
   * (MS-NLMP §3.1.5.1.2) and write it at `micOffset`, e.g. with `setMic`.
   */
  mic?: Uint8Array;
  layout?: PayloadLayout<AuthenticatePayloadField>;
}

export interface AuthenticateMessage {
  bytes: Uint8Array;
  /** Offset of the 16-byte MIC in `bytes` (72 with Version, 64 without); undefined without MIC. */
  micOffset: number | undefined;
}

/** gss-ntlmssp's and Samba's AUTHENTICATE payload order. */
export const GSS_NTLMSSP_AUTHENTICATE_ORDER: readonly AuthenticatePayloadField[] = [
  'LmChallengeResponse',
  'NtChallengeResponse',
  'DomainName',
  'UserName',
  'Workstation',
  'EncryptedRandomSessionKey',
];

/** VERSION bytes; 8 raw bytes pass through (some stacks fill Reserved, e.g. Zeek's SMB capture). */
export function encodeVersion(version: NtlmVersion | Uint8Array): Uint8Array {
  if (version instanceof Uint8Array) {
    requireLength('Version', version, 8);
    return version;
  }
  const out = new Uint8Array(8);
  out[0] = version.major;
  out[1] = version.minor;
  writeU16LE(out, 2, version.build);
  out[7] = version.revision;
  return out;
}

function header(size: number, type: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(NTLMSSP_SIGNATURE);
  writeU32LE(out, 8, type);
  return out;
}

function text(value: NtlmText | undefined, unicode: boolean): Uint8Array {
  if (value === undefined) return new Uint8Array(0);
  if (typeof value !== 'string') return value;
  return unicode ? encodeUtf16le(value) : encodeLatin1(value);
}

/** NEGOTIATE_MESSAGE [MS-NLMP §2.2.1.1]. */
export function encodeNegotiate(fields: NegotiateFields): Uint8Array {
  const fixed = header(fields.version ? 40 : 32, NTLM_NEGOTIATE_MESSAGE_TYPE);
  writeU32LE(fixed, 12, fields.flags);
  if (fields.version) fixed.set(encodeVersion(fields.version), 32);
  const items: LayoutItem<NegotiatePayloadField>[] = [
    { name: 'DomainName', descriptorAt: 16, data: text(fields.domainName, false) },
    { name: 'Workstation', descriptorAt: 24, data: text(fields.workstation, false) },
  ];
  return layoutMessage(fixed, items, fields.layout ?? {}, {
    order: ['DomainName', 'Workstation'],
    emptyOffset: 'zero',
  });
}

/** CHALLENGE_MESSAGE [MS-NLMP §2.2.1.2], with the 48-byte fixed part (+8 with Version). */
export function encodeChallenge(fields: ChallengeFields): Uint8Array {
  requireLength('ServerChallenge', fields.serverChallenge, 8);
  const fixed = header(fields.version ? 56 : 48, NTLM_CHALLENGE_MESSAGE_TYPE);
  writeU32LE(fixed, 20, fields.flags);
  fixed.set(fields.serverChallenge, 24);
  if (fields.reserved) {
    requireLength('Reserved', fields.reserved, 8);
    fixed.set(fields.reserved, 32);
  }
  if (fields.version) fixed.set(encodeVersion(fields.version), 48);
  const info = fields.targetInfo;
  const items: LayoutItem<ChallengePayloadField>[] = [
    {
      name: 'TargetName',
      descriptorAt: 12,
      data: text(fields.targetName, (fields.flags & NTLMSSP_NEGOTIATE_UNICODE) !== 0),
    },
    {
      name: 'TargetInfo',
      descriptorAt: 40,
      data:
        info === undefined
          ? new Uint8Array(0)
          : info instanceof Uint8Array
            ? info
            : encodeAvPairs(info),
    },
  ];
  return layoutMessage(fixed, items, fields.layout ?? {}, {
    order: ['TargetName', 'TargetInfo'],
    emptyOffset: 'zero',
  });
}

/** AUTHENTICATE_MESSAGE [MS-NLMP §2.2.1.3]: Version at 64 when given, then the MIC. */
export function encodeAuthenticate(fields: AuthenticateFields): AuthenticateMessage {
  if (fields.mic) requireLength('MIC', fields.mic, 16);
  const micOffset = fields.mic ? (fields.version ? 72 : 64) : undefined;
  const fixed = header(
    64 + (fields.version ? 8 : 0) + (fields.mic ? 16 : 0),
    NTLM_AUTHENTICATE_MESSAGE_TYPE,
  );
  writeU32LE(fixed, 60, fields.flags);
  if (fields.version) fixed.set(encodeVersion(fields.version), 64);
  if (fields.mic && micOffset !== undefined) fixed.set(fields.mic, micOffset);
  const unicode = (fields.flags & NTLMSSP_NEGOTIATE_UNICODE) !== 0;
  const none = new Uint8Array(0);
  const items: LayoutItem<AuthenticatePayloadField>[] = [
    { name: 'LmChallengeResponse', descriptorAt: 12, data: fields.lmChallengeResponse ?? none },
    { name: 'NtChallengeResponse', descriptorAt: 20, data: fields.ntChallengeResponse ?? none },
    { name: 'DomainName', descriptorAt: 28, data: text(fields.domainName, unicode) },
    { name: 'UserName', descriptorAt: 36, data: text(fields.userName, unicode) },
    { name: 'Workstation', descriptorAt: 44, data: text(fields.workstation, unicode) },
    {
      name: 'EncryptedRandomSessionKey',
      descriptorAt: 52,
      data: fields.encryptedRandomSessionKey ?? none,
    },
  ];
  const bytes = layoutMessage(fixed, items, fields.layout ?? {}, {
    order: [
      'DomainName',
      'UserName',
      'Workstation',
      'LmChallengeResponse',
      'NtChallengeResponse',
      'EncryptedRandomSessionKey',
    ],
    emptyOffset: 'cursor',
  });
  return { bytes, micOffset };
}

/** A copy of `message.bytes` with `mic` written at its MIC offset. */
export function setMic(message: AuthenticateMessage, mic: Uint8Array): Uint8Array {
  requireLength('MIC', mic, 16);
  if (message.micOffset === undefined)
    throw new RangeError('this AUTHENTICATE message has no MIC field');
  const out = message.bytes.slice();
  out.set(mic, message.micOffset);
  return out;
}
