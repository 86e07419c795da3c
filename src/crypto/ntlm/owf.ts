// One-way functions turning a password into the NTLM response keys [MS-NLMP §3.3.1, §3.3.2].
import { des } from '../des';
import { hmacMd5 } from '../md5';
import { md4 } from '../md4';
import { concatBytes, encodeUtf16le, requireLength } from '../../bytes';

/**
 * Upper-cases one UTF-16 code unit at a time, like Windows' RtlUpcaseUnicodeString: a character
 * whose upper case is longer (e.g. "ß" → "SS") is kept, so lengths never change.
 */
export function upcaseNtlm(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const up = s[i].toUpperCase();
    out += up.length === 1 ? up : s[i];
  }
  return out;
}

/** NTOWFv1 = MD4(UNICODE(Passwd)) — the "NT hash" [§3.3.1]. */
export function ntowfv1(password: string): Uint8Array {
  return md4(encodeUtf16le(password));
}

/**
 * NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(User) ‖ UserDom)) [§3.3.2]; only the user
 * name is upper-cased. LMOWFv2 is the same function.
 */
export function ntowfv2(password: string, user: string, domain: string): Uint8Array {
  return ntowfv2FromNtHash(ntowfv1(password), user, domain);
}

/** NTOWFv2 from a known NT hash (what user files and keytabs store). */
export function ntowfv2FromNtHash(ntHash: Uint8Array, user: string, domain: string): Uint8Array {
  requireLength('NT hash', ntHash, 16);
  return hmacMd5(ntHash, encodeUtf16le(upcaseNtlm(user) + domain));
}

export const lmowfv2 = ntowfv2;

const LM_MAGIC = new TextEncoder().encode('KGS!@#$%');

/**
 * LMOWFv1 = DES(UPPER(Passwd)[0..6], "KGS!@#$%") ‖ DES(UPPER(Passwd)[7..13], "KGS!@#$%")
 * [§3.3.1]. The password is in the OEM code page, which depends on the host; only ASCII is
 * accepted so the result is well defined. It is zero-padded to 14 bytes and cut at 14, the
 * only bytes the definition reads (Windows stores no LM hash for longer passwords).
 */
export function lmowfv1(password: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(password)) {
    throw new RangeError('lmowfv1: only printable ASCII passwords have a defined OEM encoding');
  }
  const oem = new Uint8Array(14);
  oem.set(new TextEncoder().encode(password.toUpperCase()).subarray(0, 14));
  return concatBytes(des(oem.subarray(0, 7), LM_MAGIC), des(oem.subarray(7, 14), LM_MAGIC));
}
