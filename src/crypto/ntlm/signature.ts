// NTLMSSP_MESSAGE_SIGNATURE computation, one message at a time [MS-NLMP §2.2.2.9, §3.4.4].
// The caller owns the RC4 handle and the sequence number (see session.ts for the stateful use).
// The results are the signature's fields; the NTLM codec writes and reads their 16-byte layout.
import { crc32 } from '../crc32';
import { hmacMd5 } from '../md5';
import type { Rc4Cipher } from '../rc4';
import type { NtlmSignatureFields } from '../../data/ntlm';
import { concatBytes, encodeU32LE, requireLength } from '../../bytes';

/**
 * MAC with extended session security [§3.4.4.2]: Checksum = HMAC_MD5(SigningKey, SeqNum ‖
 * Message)[0..7], SeqNum in clear. The checksum is RC4-encrypted with the sealing handle only
 * when KEY_EXCH was negotiated; pass the handle exactly in that case.
 */
export function macWithEss(
  signingKey: Uint8Array,
  seqNum: number,
  message: Uint8Array,
  keyExchHandle?: Rc4Cipher,
): NtlmSignatureFields & { extendedSessionSecurity: true } {
  requireLength('SigningKey', signingKey, 16);
  let checksum = hmacMd5(signingKey, concatBytes(encodeU32LE(seqNum), message)).subarray(0, 8);
  if (keyExchHandle) checksum = keyExchHandle.process(checksum);
  return { extendedSessionSecurity: true, checksum, seqNum };
}

/**
 * MAC without extended session security, connection-oriented [§3.4.4.1]: CRC32 checksum; the
 * pad, checksum and SeqNum fields each consume RC4 keystream; the SeqNum field is RC4(0) XOR
 * SeqNum; the RandomPad field is finally sent as zero (left out here). (MS-NLMP §4.2.2.4 prints
 * the encrypted pad instead; Windows and Samba send zero, as the algorithm says.)
 */
export function macWithoutEss(
  handle: Rc4Cipher,
  seqNum: number,
  message: Uint8Array,
): NtlmSignatureFields & { extendedSessionSecurity: false } {
  handle.process(new Uint8Array(4)); // RandomPad: its value never reaches the wire
  const checksum = handle.process(encodeU32LE(crc32(message)));
  const seqField = handle.process(encodeU32LE(seqNum)); // = RC4(Handle, 0) XOR SeqNum
  return { extendedSessionSecurity: false, checksum, seqNum: seqField };
}

/** Signature when neither SIGN nor SEAL was negotiated (ALWAYS_SIGN only): 01 00 00 00 ‖ Z(12). */
export function dummySignature(): NtlmSignatureFields {
  return { extendedSessionSecurity: true, checksum: new Uint8Array(8), seqNum: 0 };
}
