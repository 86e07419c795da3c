import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { usageKey } from './derive';
import {
  checkedProfile,
  etypeOfCksumtype,
  etypeOfKey,
  HMAC_LENGTH,
  type AesEtypeInfo,
} from './etypes';
import { rc4Checksum } from './rc4-hmac';
import { camelliaChecksum } from './rfc6803';
import { sha2Checksum } from './rfc8009';
import { equalBytes } from '../../bytes';

/**
 * hmac-sha1-96-aes128 / -aes256 (cksumtype 15 / 16, RFC 3962 §7): HMAC-SHA1 with Kc =
 * DK(key, usage | 0x99), truncated to 96 bits (RFC 3961 §5.4).
 *
 * With `etype`, that etype's mandatory checksum: hmac-sha256-128-aes128 / hmac-sha384-192-aes256
 * (19 / 20, RFC 8009 §5), hmac-md5 (-138, RFC 4757 §4), cmac-camellia128 / -256 (17 / 18,
 * RFC 6803 §5). Without it, the key's length picks 15 or 16.
 */
export function checksum(
  key: Uint8Array,
  usage: number,
  data: Uint8Array,
  etype?: number,
): Uint8Array {
  if (etype !== undefined) {
    const p = checkedProfile(etype, key);
    if (p.family === 'rfc8009') return sha2Checksum(etype, key, usage, data);
    if (p.family === 'rc4-hmac') return rc4Checksum(key, usage, data);
    if (p.family === 'rfc6803') return camelliaChecksum(etype, key, usage, data);
  }
  etypeOfKey(key); // throws unless the key is 16 or 32 bytes
  return hmac(sha1, usageKey(key, usage, 'checksum'), data).slice(0, HMAC_LENGTH);
}

export function verifyChecksum(
  key: Uint8Array,
  usage: number,
  data: Uint8Array,
  mac: Uint8Array,
  etype?: number,
): boolean {
  return equalBytes(checksum(key, usage, data, etype), mac);
}

/**
 * A keyed checksum named by its checksum type (as a PAC signature or a Checksum field names it),
 * computed with a key of the etype it belongs to: 15, 16, 17, 18, 19, 20 or -138.
 */
export function checksumOfType(
  cksumtype: number,
  key: Uint8Array,
  usage: number,
  data: Uint8Array,
): Uint8Array {
  const p = etypeOfCksumtype(cksumtype);
  if (!p) throw new RangeError(`checksum type ${cksumtype} is not supported here`);
  return checksum(key, usage, data, p.etype);
}

/** The checksum type that goes with a key (15 for AES-128, 16 for AES-256). */
export function cksumtypeOfKey(key: Uint8Array): AesEtypeInfo['cksumtype'] {
  return etypeOfKey(key).cksumtype;
}
