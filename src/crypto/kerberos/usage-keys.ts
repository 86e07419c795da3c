import { usageKey, type KEY_PURPOSE } from './derive';
import { checkedProfile } from './etypes';
import { rc4UsageKey } from './rc4-hmac';
import { deriveCamelliaKey } from './rfc6803';
import { deriveSha2Key } from './rfc8009';
import { hmacMd5 } from '../md5';

/**
 * The key an etype uses for one key usage and purpose (Kc for checksums, Ke to encrypt, Ki for
 * integrity): DK of RFC 3961 §5.3 for AES-SHA1, KDF-HMAC-SHA2 for RFC 8009 §5, the CMAC KDF of
 * RFC 6803 §3. RC4-HMAC has one usage key, K1 = HMAC-MD5(K, T) (RFC 4757 §5), for both
 * encryption and integrity, and a checksum key that ignores the usage, Ksign = HMAC-MD5(K,
 * "signaturekey\0") (RFC 4757 §4).
 */
export function deriveKey(
  etype: number,
  base: Uint8Array,
  usage: number,
  purpose: keyof typeof KEY_PURPOSE,
): Uint8Array {
  switch (checkedProfile(etype, base).family) {
    case 'rfc3962':
      return usageKey(base, usage, purpose);
    case 'rfc8009':
      return deriveSha2Key(etype, base, usage, purpose);
    case 'rfc6803':
      return deriveCamelliaKey(etype, base, usage, purpose);
    case 'rc4-hmac':
      return purpose === 'checksum'
        ? hmacMd5(base, new TextEncoder().encode('signaturekey\0'))
        : rc4UsageKey(base, usage);
  }
}
