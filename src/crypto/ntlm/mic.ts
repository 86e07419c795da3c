// The MIC field of the AUTHENTICATE message [MS-NLMP §3.1.5.1.2, §3.2.5.1.2].
import { hmacMd5 } from '../md5';
import { concatBytes } from '../../bytes';

export interface MicInput {
  exportedSessionKey: Uint8Array;
  /** Omitted in connectionless mode, where the MIC covers CHALLENGE ‖ AUTHENTICATE only. */
  negotiate?: Uint8Array;
  challenge: Uint8Array;
  /** The exact AUTHENTICATE bytes; the MIC field in it may hold anything, it is zeroed here. */
  authenticate: Uint8Array;
  /** Where the 16-byte MIC sits: 72 per the spec, 64 for senders without Version (gss-ntlmssp). */
  micOffset: number;
}

/** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE-with-MIC-zeroed). */
export function computeMic(input: MicInput): Uint8Array {
  const { authenticate, micOffset } = input;
  if (micOffset < 0 || micOffset + 16 > authenticate.length) {
    throw new RangeError('MIC offset outside the AUTHENTICATE message');
  }
  const zeroed = authenticate.slice();
  zeroed.fill(0, micOffset, micOffset + 16);
  const negotiate = input.negotiate ?? new Uint8Array(0);
  return hmacMd5(input.exportedSessionKey, concatBytes(negotiate, input.challenge, zeroed));
}
