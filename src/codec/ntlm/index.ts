/**
 * NTLM (MS-NLMP): decoders for the three messages and the message signature, byte-exact
 * builders for the simulator, and the flag / AV_PAIR constants.
 */
export { decodeNtlm, isNtlmMessage } from './decode';
export {
  decodeNtlmSignature,
  encodeSignature,
  isNtlmSignature,
  NTLM_SIGNATURE_LENGTH,
  type NtlmSignatureFields,
  type NtlmSignatureOptions,
} from './signature';
export {
  encodeAuthenticate,
  encodeChallenge,
  encodeNegotiate,
  encodeVersion,
  setMic,
  GSS_NTLMSSP_AUTHENTICATE_ORDER,
  type AuthenticateFields,
  type AuthenticateMessage,
  type AuthenticatePayloadField,
  type ChallengeFields,
  type ChallengePayloadField,
  type NegotiateFields,
  type NegotiatePayloadField,
  type NtlmText,
  type NtlmVersion,
} from './encode';
export { encodeAvPairs, filetimeFromDate, filetimeFromIso, type AvPair } from './encode-av';
export { authenticateLayout } from './authenticate';
export type { EmptyOffset, PayloadLayout } from './writer';
export * from '../../data/ntlm';
