/**
 * NTLM (MS-NLMP): each structure described once on the binary DSL (`../binary`) — the messages,
 * AV pairs, the NTLMv2 response, the message signature — giving the inspector's decoders, typed
 * readers for code that computes with the values, and byte-exact encoders.
 */
export {
  decodeNtlm,
  isNtlmMessage,
  readAuthenticate,
  readChallenge,
  readNegotiate,
  readNtlmMessage,
  readNtlmv2Response,
  type NtlmMessage,
} from './decode';
export {
  decodeNtlmSignature,
  encodeSignature,
  isNtlmSignature,
  readNtlmSignature,
  NTLM_SIGNATURE_LENGTH,
  type NtlmSignatureFields,
  type NtlmSignatureOptions,
} from './signature';
export {
  encodeAuthenticate,
  encodeAvPairs,
  encodeChallenge,
  encodeNegotiate,
  encodeNtlmv2ClientChallenge,
  encodeVersion,
  setMic,
  GSS_NTLMSSP_AUTHENTICATE_ORDER,
  type AuthenticateFields,
  type ChallengeFields,
  type EmptyOffset,
  type EncodedAuthenticate,
  type NegotiateFields,
  type PayloadLayout,
} from './encode';
export { NEGOTIATE_MESSAGE, type NegotiateMessage, type NegotiatePayloadField } from './negotiate';
export { CHALLENGE_MESSAGE, type ChallengeMessage, type ChallengePayloadField } from './challenge';
export {
  AUTHENTICATE_MESSAGE,
  authenticateLayout,
  micOffsetOf,
  type AuthenticateMessage,
  type AuthenticatePayloadField,
} from './authenticate';
export {
  NTLMV2_CLIENT_CHALLENGE,
  NTLMV2_RESPONSE,
  avFlagsOf,
  type NtChallengeResponseV2,
  type Ntlmv2ClientChallenge,
} from './responses';
export { avPairList, filetimeFromDate, filetimeFromIso, type AvPair } from './avpairs';
export type { NtlmVersion } from './common';
export type { Decoded } from '../binary';
export * from '../../data/ntlm';
