import { encode } from '../binary';
import { requireLength } from '../../bytes';
import { avPairList, type AvPair } from './avpairs';
import {
  AUTHENTICATE_MESSAGE,
  type AuthenticateMessage,
  type AuthenticatePayloadField,
} from './authenticate';
import { CHALLENGE_MESSAGE, type ChallengeMessage } from './challenge';
import { versionCodec, type NtlmVersion } from './common';
import { NEGOTIATE_MESSAGE, type NegotiateMessage } from './negotiate';
import { NTLMV2_CLIENT_CHALLENGE, type Ntlmv2ClientChallenge } from './responses';

/**
 * Byte-exact NTLM message builders [MS-NLMP §2.2.1]: the typed values encoded with the same
 * structure definitions that decode them. They write what they are given — flags are not
 * adjusted to match the fields — so a simulator can also produce unusual messages. Strings are
 * encoded per the message's UNICODE flag (NEGOTIATE: always OEM).
 *
 * Payload order defaults to what Windows sends: NEGOTIATE DomainName, Workstation; CHALLENGE
 * TargetName, TargetInfo; AUTHENTICATE DomainName, UserName, Workstation, LmChallengeResponse,
 * NtChallengeResponse, EncryptedRandomSessionKey (MS-NLMP §4.2). gss-ntlmssp and Samba put the
 * two responses first — pass `layout.order` (see GSS_NTLMSSP_AUTHENTICATE_ORDER). A decoded
 * message carries its sender's layout, so encoding it gives its bytes back.
 */

/** The builders' inputs are the typed messages. */
export type NegotiateFields = NegotiateMessage;
export type ChallengeFields = ChallengeMessage;
export type AuthenticateFields = AuthenticateMessage;

export interface EncodedAuthenticate {
  bytes: Uint8Array;
  /** Offset of the 16-byte MIC in `bytes` (72 with Version, 64 without); undefined without MIC. */
  micOffset: number | undefined;
}

/** gss-ntlmssp's and Samba's AUTHENTICATE payload order (gss-ntlmssp `src/ntlm.c`, `ntlm_encode_auth_msg()`). */
export const GSS_NTLMSSP_AUTHENTICATE_ORDER: readonly AuthenticatePayloadField[] = [
  'LmChallengeResponse',
  'NtChallengeResponse',
  'DomainName',
  'UserName',
  'Workstation',
  'EncryptedRandomSessionKey',
];

/** VERSION bytes; 8 raw bytes pass through. */
export function encodeVersion(version: NtlmVersion | Uint8Array): Uint8Array {
  return encode(versionCodec(undefined), version);
}

/** NEGOTIATE_MESSAGE [MS-NLMP §2.2.1.1]. */
export function encodeNegotiate(fields: NegotiateMessage): Uint8Array {
  return encode(NEGOTIATE_MESSAGE, fields);
}

/** CHALLENGE_MESSAGE [MS-NLMP §2.2.1.2], with the 48-byte fixed part (+8 with Version). */
export function encodeChallenge(fields: ChallengeMessage): Uint8Array {
  requireLength('ServerChallenge', fields.serverChallenge, 8);
  return encode(CHALLENGE_MESSAGE, fields);
}

/** AUTHENTICATE_MESSAGE [MS-NLMP §2.2.1.3]: Version at 64 when given, then the MIC. */
export function encodeAuthenticate(fields: AuthenticateMessage): EncodedAuthenticate {
  if (fields.mic) requireLength('MIC', fields.mic, 16);
  const { bytes, positions } = AUTHENTICATE_MESSAGE.encodeWithPositions(fields);
  return { bytes, micOffset: fields.mic ? positions.MIC : undefined };
}

/** A copy of `message.bytes` with `mic` written at its MIC offset. */
export function setMic(message: EncodedAuthenticate, mic: Uint8Array): Uint8Array {
  requireLength('MIC', mic, 16);
  if (message.micOffset === undefined)
    throw new RangeError('this AUTHENTICATE message has no MIC field');
  const out = message.bytes.slice();
  out.set(mic, message.micOffset);
  return out;
}

/** The list in the given order, with MsvAvEOL appended unless the list already ends with it. */
export function encodeAvPairs(list: readonly AvPair[]): Uint8Array {
  return encode(avPairList, list as AvPair[]);
}

/**
 * NTLMv2_CLIENT_CHALLENGE followed by its Z(4): the `temp` of MS-NLMP §3.3.2, which the
 * NTLMv2 response proves (NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge ‖ temp)).
 */
export function encodeNtlmv2ClientChallenge(
  fields: Omit<Ntlmv2ClientChallenge, 'respType' | 'hiRespType'> &
    Partial<Pick<Ntlmv2ClientChallenge, 'respType' | 'hiRespType'>>,
): Uint8Array {
  return encode(NTLMV2_CLIENT_CHALLENGE, { respType: 1, hiRespType: 1, ...fields });
}

export type { PayloadLayout, EmptyOffset } from '../binary';
