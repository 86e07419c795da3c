// MD5 and HMAC-MD5 come from @noble/hashes (audited, dependency-free, tree-shakeable); NTLM
// uses them for NTLMv2 responses, key derivation, the MIC and signatures [MS-NLMP §6].
import { hmac } from '@noble/hashes/hmac.js';
import { md5 as nobleMd5 } from '@noble/hashes/legacy.js';

export function md5(data: Uint8Array): Uint8Array {
  return nobleMd5(data);
}

/** HMAC-MD5 [RFC 2104]; MS-NLMP's HMAC_MD5(K, M) [§6]. */
export function hmacMd5(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(nobleMd5, key, data);
}
